package dev.greenlight.integrations.traffic.nginx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one nginx command line (test or reload) and captures what it printed. */
final class NginxCommand {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** @param exitCode the process's exit code @param output stdout and stderr together */
  record Outcome(int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  private NginxCommand() {}

  static Outcome run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT);
      }
      return new Outcome(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("Could not run " + String.join(" ", command) + ": " + e.getMessage()
          + " (is nginx installed and the command in traffic.nginx right?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(String.join(" ", command) + " was interrupted", e);
    }
  }
}
