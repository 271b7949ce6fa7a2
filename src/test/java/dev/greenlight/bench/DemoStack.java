package dev.greenlight.bench;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.greenlight.api.rollouts.RolloutStarter;
import dev.greenlight.api.rollouts.StartRolloutRequest;
import dev.greenlight.api.rollouts.StartedRollout;
import dev.greenlight.demo.service.DemoService;
import dev.greenlight.demo.service.LoadGenerator;
import dev.greenlight.security.Channel;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the demo runs, for a benchmark: the bundled demo service with its PostgreSQL under a steady load, Slack and
 * PagerDuty stand-ins on 127.0.0.1, and Greenlight on its embedded engine knowing the demo's secrets and accepting
 * Alertmanager's pushes. Everything listens on loopback only and stops on {@link #close()}.
 */
final class DemoStack implements AutoCloseable {

  static final String STABLE_VERSION = "1.4.0";
  static final int REQUESTS_PER_SECOND = 40;
  static final String ALERTS_TOKEN_SECRET = "BENCH_ALERTMANAGER_TOKEN";

  private final Path work;
  private final Map<String, String> secrets;
  private final LocalHttpServer notifications;
  private final ConfigurableApplicationContext greenlight;
  private final DemoService service;
  private final LoadGenerator load;

  private DemoStack(Path work, Map<String, String> secrets, LocalHttpServer notifications,
      ConfigurableApplicationContext greenlight, DemoService service, LoadGenerator load) {
    this.work = work;
    this.secrets = secrets;
    this.notifications = notifications;
    this.greenlight = greenlight;
    this.service = service;
    this.load = load;
  }

  static DemoStack start() throws IOException {
    Path work = Files.createTempDirectory("greenlight-bench-");
    Map<String, String> secrets = Map.of(
        "DEMO_CATALOG_DB_PASSWORD", randomSecret(), "DEMO_PIPELINE_SECRET", randomSecret(),
        "DEMO_SLACK_TOKEN", "xoxb-bench-" + randomSecret(), "DEMO_PAGERDUTY_ROUTING_KEY", randomSecret(),
        ALERTS_TOKEN_SECRET, randomSecret());
    LocalHttpServer notifications = LocalHttpServer.start(request -> request.path().startsWith("/slack")
        ? Response.json(200, "{\"ok\": true, \"channel\": \"C0BENCH\", \"ts\": \"1.0\"}")
        : Response.json(202, "{\"status\": \"success\", \"message\": \"Event processed\", \"dedup_key\": \"bench\"}"));
    Map<String, String> properties = new HashMap<>(Map.of(
        "greenlight.slack.base-url", notifications.uri("/slack").toString(),
        "greenlight.pagerduty.base-url", notifications.uri("/pagerduty").toString(),
        "greenlight.release.webhook.signing-secrets", "DEMO_PIPELINE_SECRET",
        "greenlight.alerts.token-secret", ALERTS_TOKEN_SECRET,
        "greenlight.reports.directory", work.resolve("reports").toString(),
        "greenlight.runbooks.directory", work.resolve("runbooks").toString(),
        "greenlight.files.allowed-roots", work.resolve("backups").toString()));
    secrets.forEach((name, value) -> properties.put("greenlight.secrets." + name, value));
    // Greenlight first: starting Spring sets up logging, which keeps the database's start-up chatter quiet
    ConfigurableApplicationContext greenlight = BenchGreenlight.start(properties);
    DemoService service = DemoService.start(STABLE_VERSION, secrets.get("DEMO_CATALOG_DB_PASSWORD"),
        secrets.get("DEMO_PIPELINE_SECRET"), Clock.systemUTC());
    LoadGenerator load = new LoadGenerator(service.uri("/api/elements"));
    load.start(REQUESTS_PER_SECOND);
    return new DemoStack(work, secrets, notifications, greenlight, service, load);
  }

  DemoService service() {
    return service;
  }

  <T> T bean(Class<T> type) {
    return greenlight.getBean(type);
  }

  URI greenlight(String path) {
    return URI.create("http://127.0.0.1:" + greenlight.getEnvironment().getProperty("local.server.port") + path);
  }

  String secret(String name) {
    return secrets.get(name);
  }

  /**
   * Starts a rollout of an inline runbook from the test resources, with the demo service's addresses and the given
   * values filled in for its {@code ${name}} placeholders.
   */
  StartedRollout startRollout(String resource, Map<String, String> values, String version, String ticket) {
    Map<String, String> all = new HashMap<>(values);
    all.put("base", service.uri("").toString());
    all.put("jdbcUrl", service.jdbcUrl());
    all.put("backups", work.resolve("backups").toString());
    String yaml = resource(resource);
    for (Map.Entry<String, String> value : all.entrySet()) {
      yaml = yaml.replace("${" + value.getKey() + "}", value.getValue());
    }
    if (yaml.contains("${")) {
      throw new IllegalArgumentException("The runbook " + resource + " has a placeholder no value was given for");
    }
    return bean(RolloutStarter.class).start(new StartRolloutRequest(null, TextNode.valueOf(yaml), version, ticket),
        BenchGreenlight.OPERATOR, Channel.API);
  }

  private static String resource(String name) {
    try (InputStream in = DemoStack.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The benchmark runbook " + name + " is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + name + " failed", e);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() throws IOException {
    // try-with-resources closes all three even when one of them fails to
    try (notifications; greenlight; service) {
      load.close();
    }
    try (Stream<Path> paths = Files.walk(work)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
