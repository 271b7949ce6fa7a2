package dev.greenlight.bounds;

import dev.greenlight.spec.SpecError;
import java.util.List;
import java.util.stream.Collectors;

/** A runbook names commands or files this server does not allow; the message lists each with the setting to change. */
public class RunbookOutOfBoundsException extends RuntimeException {

  private final transient List<SpecError> errors;

  public RunbookOutOfBoundsException(String source, List<SpecError> errors) {
    super(source + " reaches outside what this server allows (" + errors.size()
        + (errors.size() == 1 ? " refusal" : " refusals") + "):\n"
        + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<SpecError> errors() {
    return errors;
  }
}
