package dev.greenlight.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A runbook spec with errors; the message lists every one of them by path. */
public class InvalidRunbookException extends RuntimeException {

  private final transient List<SpecError> errors;

  public InvalidRunbookException(String source, List<SpecError> errors) {
    super(source + " is invalid (" + errors.size() + (errors.size() == 1 ? " error" : " errors") + "):\n"
        + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<SpecError> errors() {
    return errors;
  }
}
