package dev.greenlight.bench;

import dev.greenlight.GreenlightServer;
import dev.greenlight.engine.EngineProperties;
import dev.greenlight.security.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Greenlight as it runs in production, in the benchmark's JVM: the server on its embedded engine, durable on a fresh
 * data directory unless the benchmark asks for a throw-away engine ({@link #engine}), on free loopback ports, quiet
 * logs; each benchmark adds the properties of its own stand-ins (secrets, Slack and PagerDuty bases, directories).
 */
final class BenchGreenlight {

  static final String OPERATOR_ROLE = "bench-operators";
  /** Who starts the benchmarks' rollouts. */
  static final Caller OPERATOR = new Caller("bench-operator", Set.of(OPERATOR_ROLE));

  private BenchGreenlight() {}

  /**
   * The engine's properties: durable on a fresh data directory, deleted when the benchmark's JVM exits, as production
   * runs (a commit waits for the disk); or throw-away, as the demo, the tests and rehearsals run.
   */
  static Map<String, String> engine(boolean durable) {
    if (!durable) {
      return Map.of(EngineProperties.EMBEDDED_THROW_AWAY, "true");
    }
    try {
      Path data = Files.createTempDirectory("greenlight-bench-data-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(data)));
      return Map.of(EngineProperties.EMBEDDED_THROW_AWAY, "false", EngineProperties.EMBEDDED_DATA_DIRECTORY,
          data.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the benchmark engine's data directory", e);
    }
  }

  static ConfigurableApplicationContext start(Map<String, String> properties) {
    return start(properties, new Class<?>[0]);
  }

  /** Also registers the benchmark's own beans (a probe worker) beside Greenlight's. */
  static ConfigurableApplicationContext start(Map<String, String> properties, Class<?>... benchmarkBeans) {
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=0",
        "--server.address=127.0.0.1",
        "--greenlight.engine.mode=embedded",
        "--greenlight.engine.embedded.port=0",
        "--camunda.client.auth.method=none",
        "--camunda.client.request-timeout=PT60S",
        "--logging.level.root=WARN",
        // the benchmarks start inline specs as their operator (BENCH_OPERATOR), whose releases run /bin/true and echo
        "--greenlight.runbooks.inline=true",
        "--greenlight.security.rollout-roles=" + OPERATOR_ROLE,
        "--greenlight.security.runbook-author-roles=" + OPERATOR_ROLE,
        "--greenlight.commands.allowed-executables=/bin/true,/bin/echo"));
    if (!properties.containsKey(EngineProperties.EMBEDDED_THROW_AWAY)) {
      engine(true).forEach((name, value) -> arguments.add("--" + name + "=" + value));
    }
    properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
    List<Class<?>> sources = new ArrayList<>(List.of(GreenlightServer.class));
    sources.addAll(List.of(benchmarkBeans));
    return new SpringApplication(sources.toArray(Class<?>[]::new)).run(arguments.toArray(String[]::new));
  }

  private static void delete(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("Could not delete the benchmark's data directory " + root + ": " + e);
    }
  }
}
