package dev.greenlight.spec;

import java.util.List;

/** No registered runbook has the name; the message lists the ones there are. */
public class UnknownRunbookException extends RuntimeException {

  private final transient List<String> knownNames;

  public UnknownRunbookException(String name, List<String> knownNames, String directory) {
    super("No runbook named '" + name + "' in " + directory + "; registered runbooks: "
        + (knownNames.isEmpty() ? "none" : String.join(", ", knownNames)));
    this.knownNames = List.copyOf(knownNames);
  }

  public List<String> knownNames() {
    return knownNames;
  }
}
