package dev.greenlight.integrations.process;

import java.time.Duration;
import java.util.List;

/**
 * How a {@link Command} ended.
 *
 * @param command the argument array that ran
 * @param exitCode the program's exit code; -1 when it was killed at its timeout
 * @param timedOut whether it ran past its timeout and was killed
 * @param outputTail its last output lines (stdout and stderr interleaved), oldest first
 * @param duration how long it ran
 */
public record CommandResult(
    List<String> command, int exitCode, boolean timedOut, List<String> outputTail, Duration duration) {

  public CommandResult {
    command = List.copyOf(command);
    outputTail = List.copyOf(outputTail);
  }

  public boolean succeeded() {
    return !timedOut && exitCode == 0;
  }

  /** The last non-blank output line, stripped, or empty: where a program prints its answer. */
  public String lastLine() {
    for (int i = outputTail.size() - 1; i >= 0; i--) {
      if (!outputTail.get(i).isBlank()) {
        return outputTail.get(i).strip();
      }
    }
    return "";
  }

  /** One paragraph for an error message or an incident: what ran, how it ended, its last output. */
  public String describe() {
    String ending = timedOut
        ? "was killed after running longer than its timeout (" + duration.toSeconds() + " s)"
        : "exited with code " + exitCode;
    String output = outputTail.isEmpty() ? " and printed nothing" : "; last output:\n" + String.join("\n", outputTail);
    return "'" + String.join(" ", command) + "' " + ending + output;
  }

  /** Returns this result when the command succeeded, else fails with {@link #describe()}. */
  public CommandResult requireSuccess() {
    if (!succeeded()) {
      throw new CommandFailedException(this);
    }
    return this;
  }
}
