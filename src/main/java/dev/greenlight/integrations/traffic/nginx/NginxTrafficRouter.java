package dev.greenlight.integrations.traffic.nginx;

import dev.greenlight.integrations.AtomicFile;
import dev.greenlight.integrations.ChangeNotAppliedException;
import dev.greenlight.integrations.process.Command;
import dev.greenlight.integrations.process.CommandResult;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.integrations.traffic.TrafficRouter;
import dev.greenlight.integrations.traffic.TrafficWeights;
import dev.greenlight.spec.TrafficTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx weighted round robin: rewrites the {@code upstream} block in its own file, validates the whole configuration
 * with the test command and reloads. The file as it was before is kept next to it ({@code .previous}) for a manual
 * rollback, and put back at once when nginx rejects the new one. A version with 0 % is marked {@code down} (nginx
 * weights start at 1).
 */
public class NginxTrafficRouter implements TrafficRouter {

  static final List<String> DEFAULT_TEST_COMMAND = List.of("nginx", "-t");
  static final List<String> DEFAULT_RELOAD_COMMAND = List.of("nginx", "-s", "reload");
  private static final Pattern SERVER_LINE = Pattern.compile("^\\s*server\\s+(\\S+)([^;]*);", Pattern.MULTILINE);
  private static final Pattern WEIGHT = Pattern.compile("\\bweight=(\\d+)");

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final TrafficTarget.Nginx config;
  private final Path upstreamFile;
  private final CommandRunner runner;

  /**
   * @param upstreamFile {@code config.upstreamFile}, already allowed by the server's file roots
   * @param runner runs the test and reload commands, within the server's command policy
   */
  public NginxTrafficRouter(TrafficTarget.Nginx config, Path upstreamFile, CommandRunner runner) {
    for (String field : new String[] {config.upstreamFile(), config.upstream(), config.stableServer(),
        config.canaryServer()}) {
      if (field == null || field.isBlank()) {
        throw new IllegalArgumentException("traffic.nginx needs upstreamFile, upstream, stableServer and canaryServer");
      }
    }
    this.config = config;
    this.upstreamFile = upstreamFile;
    this.runner = runner;
  }

  /** A split nginx already has is not written, tested and reloaded again (a rollback's return to stable, a retry). */
  @Override
  public void setWeights(TrafficWeights weights) {
    Optional<String> previous = read();
    if (previous.flatMap(this::weightsIn).filter(weights::equals).isPresent()) {
      return;
    }
    previous.ifPresent(content -> AtomicFile.write(previousFile(), content));
    AtomicFile.write(upstreamFile, render(weights));

    CommandResult test = run(commandOr(config.testCommand(), DEFAULT_TEST_COMMAND), previous);
    if (!test.succeeded()) {
      restore(previous);
      throw new ChangeNotAppliedException("nginx rejected the new upstream " + config.upstream() + " ("
          + String.join(" ", test.command()) + " " + ending(test) + "); " + upstreamFile
          + " was restored to its previous content. nginx said: " + output(test));
    }
    CommandResult reload = run(commandOr(config.reloadCommand(), DEFAULT_RELOAD_COMMAND), previous);
    if (!reload.succeeded()) {
      restore(previous);
      throw new IllegalStateException("nginx reload failed (" + String.join(" ", reload.command()) + " "
          + ending(reload) + "), " + upstreamFile + " was restored to its previous content; check that nginx runs and"
          + " traffic.nginx.reloadCommand. nginx said: " + output(reload));
    }
  }

  /** Runs one nginx command; a command that cannot run at all puts the previous file back first. */
  private CommandResult run(List<String> command, Optional<String> previous) {
    try {
      return runner.run(Command.of(command).withTimeout(COMMAND_TIMEOUT));
    } catch (RuntimeException e) {
      restore(previous);
      throw e;
    }
  }

  private static String ending(CommandResult result) {
    return result.timedOut() ? "did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s"
        : "exited " + result.exitCode();
  }

  private static String output(CommandResult result) {
    return String.join("\n", result.outputTail()).strip();
  }

  @Override
  public TrafficWeights readWeights() {
    String content = read().orElseThrow(() -> new IllegalStateException(
        "The upstream file " + upstreamFile + " does not exist: nginx has no split to read"));
    return weightsIn(content).orElseThrow(() -> new IllegalStateException("The upstream file " + upstreamFile
        + " sends traffic to neither " + config.stableServer() + " nor " + config.canaryServer()));
  }

  /** The split an upstream file routes; empty when it routes to neither version. */
  private Optional<TrafficWeights> weightsIn(String content) {
    int stable = 0;
    int canary = 0;
    Matcher server = SERVER_LINE.matcher(content);
    while (server.find()) {
      int weight = weightOf(server.group(2));
      if (server.group(1).equals(config.stableServer())) {
        stable = weight;
      } else if (server.group(1).equals(config.canaryServer())) {
        canary = weight;
      }
    }
    return stable + canary == 0 ? Optional.empty() : Optional.of(TrafficWeights.fromRaw(stable, canary));
  }

  String render(TrafficWeights weights) {
    return "# Written by Greenlight: " + weights.canary() + "% on " + config.canaryServer() + "\n"
        + "upstream " + config.upstream() + " {\n"
        + serverLine(config.stableServer(), weights.stable())
        + serverLine(config.canaryServer(), weights.canary())
        + "}\n";
  }

  private static String serverLine(String server, int percent) {
    return "    server " + server + (percent == 0 ? " down" : " weight=" + percent) + ";\n";
  }

  private static int weightOf(String parameters) {
    if (parameters.matches(".*\\bdown\\b.*")) {
      return 0;
    }
    Matcher weight = WEIGHT.matcher(parameters);
    return weight.find() ? Integer.parseInt(weight.group(1)) : 1;
  }

  private void restore(Optional<String> previous) {
    if (previous.isPresent()) {
      AtomicFile.write(upstreamFile, previous.get());
      return;
    }
    try {
      Files.deleteIfExists(upstreamFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove the rejected " + upstreamFile + ": " + e.getMessage(), e);
    }
  }

  private Path previousFile() {
    return upstreamFile.resolveSibling(upstreamFile.getFileName() + ".previous");
  }

  private Optional<String> read() {
    try {
      return Files.exists(upstreamFile) ? Optional.of(Files.readString(upstreamFile)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + upstreamFile + ": " + e.getMessage(), e);
    }
  }

  private static List<String> commandOr(List<String> configured, List<String> fallback) {
    return configured == null || configured.isEmpty() ? fallback : configured;
  }
}
