package dev.greenlight.integrations.release.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Runs one release command: an argument array started directly (no shell, so no value is ever parsed as shell syntax),
 * extra environment variables, a timeout after which the command and its children are killed, and the last lines of
 * its combined output. Release-specific for now; to be merged with the general command runner of
 * {@code dev.greenlight.integrations.process}.
 */
public class ReleaseCommandRunner {

  static final int TAIL_LINES = 20;
  static final int MAX_LINE_LENGTH = 500;
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

  /**
   * @param command the program and its arguments
   * @param environment added to the inherited environment
   * @param removedVariables removed from the inherited environment first, so a stale value of one of the variables the
   *     command reads (set in Greenlight's own environment) never reaches it
   * @param timeout after this the command and its children are killed
   */
  public CommandRun run(List<String> command, Map<String, String> environment, List<String> removedVariables,
      Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeAll(removedVariables);
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("Could not start " + command + ": " + e.getMessage()
          + ". Check that the program exists and is executable on the Greenlight host", e);
    }
    OutputTail tail = new OutputTail();
    Thread reader = Thread.ofVirtual().name("release-command-output").start(() -> tail.readAll(process));
    try {
      process.getOutputStream().close();
      boolean finished = process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      if (!finished) {
        killTree(process);
        process.waitFor();
      }
      // a child that outlived the command may still hold the pipe open; its output is not worth waiting for
      reader.join(OUTPUT_DRAIN);
      return new CommandRun(command, process.exitValue(), !finished, tail.lines(),
          Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException e) {
      process.destroyForcibly();
      throw new IllegalStateException("Could not talk to " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command + "; the command was killed", e);
    }
  }

  /** The command first, so it cannot report its children's deaths, then the children it left. */
  private static void killTree(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * How a command ended.
   *
   * @param exitCode the exit code (after a timeout, the code of the killed process)
   * @param timedOut whether it was killed at the timeout
   * @param outputTail its last lines of output, each cut to a readable length
   */
  public record CommandRun(List<String> command, int exitCode, boolean timedOut, List<String> outputTail, Duration took) {

    public boolean succeeded() {
      return !timedOut && exitCode == 0;
    }

    /** The last non-blank line of output, or empty. */
    public String lastLine() {
      for (int i = outputTail.size() - 1; i >= 0; i--) {
        if (!outputTail.get(i).isBlank()) {
          return outputTail.get(i).strip();
        }
      }
      return "";
    }
  }

  private static final class OutputTail {
    private final Deque<String> lines = new ArrayDeque<>();

    void readAll(Process process) {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          add(line.length() > MAX_LINE_LENGTH ? line.substring(0, MAX_LINE_LENGTH) + "…" : line);
        }
      } catch (IOException e) {
        add("[output unreadable: " + e.getMessage() + "]");
      }
    }

    private synchronized void add(String line) {
      if (lines.size() == TAIL_LINES) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }
  }
}
