package dev.greenlight.bench;

import dev.greenlight.GreenlightServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Greenlight as it runs in production, in the benchmark's JVM: the server on its embedded engine, on free loopback
 * ports, quiet logs; each benchmark adds the properties of its own stand-ins (secrets, Slack and PagerDuty bases,
 * directories).
 */
final class BenchGreenlight {

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
        "--logging.level.root=WARN"));
    properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
    List<Class<?>> sources = new ArrayList<>(List.of(GreenlightServer.class));
    sources.addAll(List.of(benchmarkBeans));
    return new SpringApplication(sources.toArray(Class<?>[]::new)).run(arguments.toArray(String[]::new));
  }
}
