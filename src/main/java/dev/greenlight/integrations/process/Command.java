package dev.greenlight.integrations.process;

import dev.greenlight.time.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One program to run: its argument array (no shell, so nothing in an argument is ever interpreted), extra environment
 * variables on top of Greenlight's own, a working directory and a deadline. Arguments are logged and reported, so they
 * must never hold a secret; secrets go in environment variables, which reach the child process only and are never
 * logged.
 *
 * @param arguments the program followed by its arguments
 * @param environment variables added to (or replacing) the inherited environment
 * @param unsetVariables inherited variables removed before {@code environment} is added, so a stale value of a variable
 *     the program reads (set in Greenlight's own environment) never reaches it
 * @param workingDirectory where the program runs; null for Greenlight's working directory
 * @param timeout longest the program may run; it is killed (with its child processes) after that
 * @param outputLines how many of the last output lines (stdout and stderr interleaved) to keep
 */
public record Command(
    List<String> arguments,
    Map<String, String> environment,
    List<String> unsetVariables,
    Path workingDirectory,
    Duration timeout,
    int outputLines) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
  public static final int DEFAULT_OUTPUT_LINES = 40;
  private static final Duration MINIMUM_TIMEOUT = Duration.ofMillis(1);

  public Command {
    Objects.requireNonNull(arguments, "arguments");
    if (arguments.isEmpty() || arguments.getFirst() == null || arguments.getFirst().isBlank()) {
      throw new IllegalArgumentException("A command needs a program as its first argument, got " + arguments);
    }
    if (arguments.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("A command argument is null: " + arguments);
    }
    arguments = List.copyOf(arguments);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    unsetVariables = unsetVariables == null ? List.of() : List.copyOf(unsetVariables);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("A command timeout must be positive, got " + timeout);
    }
    if (outputLines < 1) {
      throw new IllegalArgumentException("A command must keep at least one output line, got " + outputLines);
    }
  }

  /** The program with its arguments, the default timeout and output size, in Greenlight's working directory. */
  public static Command of(List<String> arguments) {
    return new Command(arguments, Map.of(), List.of(), null, DEFAULT_TIMEOUT, DEFAULT_OUTPUT_LINES);
  }

  public static Command of(String... arguments) {
    return of(List.of(arguments));
  }

  public Command withEnvironment(Map<String, String> variables) {
    return new Command(arguments, variables, unsetVariables, workingDirectory, timeout, outputLines);
  }

  public Command unsetting(List<String> variables) {
    return new Command(arguments, environment, variables, workingDirectory, timeout, outputLines);
  }

  public Command inDirectory(Path directory) {
    return new Command(arguments, environment, unsetVariables, directory, timeout, outputLines);
  }

  public Command withTimeout(Duration limit) {
    return new Command(arguments, environment, unsetVariables, workingDirectory, limit, outputLines);
  }

  /**
   * The time left until a deadline that several commands share, as this command's timeout. A deadline that has already
   * passed leaves one millisecond: the command is then reported as timed out, like one that ran out of time itself.
   */
  public Command withDeadline(Deadline deadline) {
    Duration left = deadline.remaining();
    return withTimeout(left.compareTo(MINIMUM_TIMEOUT) < 0 ? MINIMUM_TIMEOUT : left);
  }

  public Command keepingOutputLines(int lines) {
    return new Command(arguments, environment, unsetVariables, workingDirectory, timeout, lines);
  }

  /** The program's name, for messages. */
  public String program() {
    return arguments.getFirst();
  }

  /** Never includes the environment: its values may be secrets. */
  @Override
  public String toString() {
    return String.join(" ", arguments);
  }
}
