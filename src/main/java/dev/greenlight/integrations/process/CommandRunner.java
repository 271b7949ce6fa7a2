package dev.greenlight.integrations.process;

import dev.greenlight.bounds.CommandPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a {@link Command} as a child process without a shell and waits for it, up to its timeout. Only a program the
 * {@link CommandPolicy} allows runs, at the path the policy located it at, whatever checks came before: a refusal is a
 * technical failure naming the setting that would allow it. The program's standard input is closed, so one that asks a
 * question fails instead of waiting for its timeout. A program that cannot be started (not installed, not executable)
 * is a technical failure with a message naming it; how the program ended is the caller's to judge from the
 * {@link CommandResult}.
 */
@Component
public class CommandRunner {

  private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);
  private static final Duration OUTPUT_DRAIN_LIMIT = Duration.ofSeconds(10);
  /** Longer lines are cut: the output tail goes into messages and process variables, where it must stay readable. */
  static final int MAX_LINE_LENGTH = 500;

  private final CommandPolicy policy;

  public CommandRunner(CommandPolicy policy) {
    this.policy = policy;
  }

  /** @throws CommandPolicy.CommandRefusedException when the policy does not allow the program; nothing ran */
  public CommandResult run(Command command) {
    List<String> arguments = new ArrayList<>(command.arguments());
    arguments.set(0, policy.allowedProgram(command.arguments()).toString());
    ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
    builder.environment().keySet().removeAll(command.unsetVariables());
    builder.environment().putAll(command.environment());
    if (command.workingDirectory() != null) {
      builder.directory(command.workingDirectory().toFile());
    }
    log.info("Running '{}'{}", command,
        command.workingDirectory() == null ? "" : " in " + command.workingDirectory());
    long started = System.nanoTime();
    Process process = start(builder, command);
    closeInput(process);
    OutputTail tail = new OutputTail(command.outputLines());
    Thread reader = Thread.ofVirtual().name("output-of-" + command.program()).start(() -> tail.readAll(process));
    boolean finished = waitFor(process, command.timeout());
    if (!finished) {
      log.warn("'{}' ran longer than {}; killing it and its child processes", command, command.timeout());
      killTree(process);
      waitFor(process, OUTPUT_DRAIN_LIMIT);
    }
    join(reader);
    Duration duration = Duration.ofNanos(System.nanoTime() - started);
    int exitCode = finished ? process.exitValue() : -1;
    CommandResult result = new CommandResult(command.arguments(), exitCode, !finished, tail.lines(), duration);
    log.info("'{}' {} after {} ms", command, finished ? "exited with " + exitCode : "timed out", duration.toMillis());
    return result;
  }

  private static Process start(ProcessBuilder builder, Command command) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start '" + command.program() + "' (" + e.getMessage()
          + "): check that it is installed, executable and on the PATH of the Greenlight process", e);
    }
  }

  private static void closeInput(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      killTree(process);
      throw new IllegalStateException("Cannot close the standard input of '"
          + process.info().command().orElse("a command") + "' (" + e.getMessage() + "); it was killed", e);
    }
  }

  /** The program first, so it cannot report its children's deaths, then the children it leaves behind. */
  private static void killTree(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private static boolean waitFor(Process process, Duration limit) {
    try {
      return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for '" + process.info().command().orElse("a command")
          + "'; it was killed", e);
    }
  }

  private static void join(Thread reader) {
    try {
      if (!reader.join(OUTPUT_DRAIN_LIMIT)) {
        // a grandchild that outlived the kill still holds the pipe open; the tail read so far is what we report
        reader.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading a command's output", e);
    }
  }

  /** The last lines of a process's output; older lines are dropped as new ones arrive. */
  private static final class OutputTail {

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    OutputTail(int capacity) {
      this.capacity = capacity;
    }

    void readAll(Process process) {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          add(line.length() > MAX_LINE_LENGTH ? line.substring(0, MAX_LINE_LENGTH) + "…" : line);
        }
      } catch (IOException e) {
        // a kill closes the pipe under the reader; otherwise the reader's failure belongs in the reported output
        if (process.isAlive()) {
          add("[Greenlight could not read further output: " + e.getMessage() + "]");
        }
      }
    }

    private synchronized void add(String line) {
      if (lines.size() == capacity) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }

    synchronized List<String> lines() {
      return new ArrayList<>(lines);
    }
  }
}
