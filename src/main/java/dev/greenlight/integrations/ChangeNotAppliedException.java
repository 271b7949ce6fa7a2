package dev.greenlight.integrations;

/**
 * A change to a flag store or a traffic router was made but did not read back as set, or the target refused it and
 * the previous state was kept. A business outcome: workers turn it into the BPMN error {@code CHANGE_NOT_APPLIED}.
 */
public class ChangeNotAppliedException extends RuntimeException {

  public ChangeNotAppliedException(String message) {
    super(message);
  }
}
