package dev.greenlight.bench;

import dev.greenlight.GreenlightServer;
import dev.greenlight.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Greenlight as it runs in production, in the benchmark's JVM: the server on its embedded engine, on free loopback
 * ports, quiet logs; each benchmark adds the properties of its own stand-ins (secrets, Slack and PagerDuty bases,
 * directories).
 */
final class BenchGreenlight {

  static final String OPERATOR_ROLE = "bench-operators";
  /** Who starts the benchmarks' rollouts. */
  static final Caller OPERATOR = new Caller("bench-operator", Set.of(OPERATOR_ROLE));

  private BenchGreenlight() {}

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
    properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
    List<Class<?>> sources = new ArrayList<>(List.of(GreenlightServer.class));
    sources.addAll(List.of(benchmarkBeans));
    return new SpringApplication(sources.toArray(Class<?>[]::new)).run(arguments.toArray(String[]::new));
  }
}
