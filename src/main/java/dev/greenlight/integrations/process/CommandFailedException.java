package dev.greenlight.integrations.process;

/** A command exited with a non-zero code or ran past its timeout; the message holds its last output. */
public class CommandFailedException extends IllegalStateException {

  private final transient CommandResult result;

  public CommandFailedException(CommandResult result) {
    super(result.describe());
    this.result = result;
  }

  public CommandResult result() {
    return result;
  }
}
