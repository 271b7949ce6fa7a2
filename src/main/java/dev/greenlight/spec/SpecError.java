package dev.greenlight.spec;

/**
 * One thing wrong with a runbook spec.
 *
 * @param path where, e.g. {@code stages[1].thresholds.errorRate}; empty for the document as a whole
 * @param message what is wrong and how to fix it
 */
public record SpecError(String path, String message) {

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
