package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.greenlight.api.rollouts.EmbeddedRolloutReadModel;
import dev.greenlight.api.rollouts.RolloutStarter;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.api.rollouts.StartRolloutRequest;
import dev.greenlight.api.rollouts.StartedRollout;
import dev.greenlight.engine.EmbeddedUserTasks;
import dev.greenlight.reports.ReportKind;
import dev.greenlight.reports.ReportStore;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import dev.greenlight.support.GreenlightSpringTest;
import dev.greenlight.support.LocalPostgres;
import dev.greenlight.support.LocalPrometheus;
import dev.greenlight.support.ShopDatabase;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the process tests: the whole application on the embedded engine with its real workers, pointed at one
 * local stand-in for the service and everything around it. Runbooks come from {@code src/test/resources/process-tests}
 * with the stand-in's address filled in; time moves by time travel. Runbooks with a {@code database} section get a
 * fresh shop database of the test class's embedded PostgreSQL, its password as the secret
 * {@value #DATABASE_PASSWORD_SECRET}. Metrics are exported as in production, so a process test can scrape
 * {@code /actuator/prometheus}.
 */
@GreenlightSpringTest
@AutoConfigureObservability(tracing = false)
abstract class RunbookProcessTest {

  /** One stand-in for the whole test run, so every process test shares one application context. */
  static final ServiceStandIn SERVICE = StandInHolder.SERVICE;
  static final String DATABASE_PASSWORD_SECRET = "PROCESS_TEST_DB_PASSWORD";
  /** The runbook value for {@code database: ${database}} when the service has none. */
  static final String NO_DATABASE = "null";
  /** Who starts the process tests' rollouts: a rollout role and a runbook author's (application-test.yaml). */
  static final Caller ALICE = new Caller("alice", Set.of("operators", "runbook-authors"));

  @Autowired CamundaClient client;
  @Autowired ZeebeTestEngine engine;
  @Autowired EmbeddedUserTasks userTasks;
  @Autowired RolloutStarter starter;
  @Autowired EmbeddedRolloutReadModel rollouts;
  @Autowired ReportStore reports;
  @Autowired MeterRegistry meters;
  RolloutDriver driver;
  private final Map<String, Double> endedAtStart = new HashMap<>();

  @DynamicPropertySource
  static void pointIntegrationsAtTheStandIn(DynamicPropertyRegistry registry) {
    registry.add("greenlight.slack.base-url", () -> SERVICE.uri("/slack"));
    registry.add("greenlight.pagerduty.base-url", () -> SERVICE.uri("/pagerduty"));
    registry.add("greenlight.secrets.TEST_SLACK_TOKEN", () -> "xoxb-test-token");
    registry.add("greenlight.secrets.TEST_PAGERDUTY_KEY", () -> "test-routing-key");
    // the shipped analyzer-canary runbook's, for the incident opened from the start form with its name
    registry.add("greenlight.secrets.ANALYZER_PAGERDUTY_ROUTING_KEY", () -> "analyzer-routing-key");
    registry.add("greenlight.secrets.SLACK_BOT_TOKEN", () -> "xoxb-analyzer-token");
    registry.add("greenlight.secrets." + DATABASE_PASSWORD_SECRET, () -> LocalPostgres.PASSWORD);
    registry.add("greenlight.secrets.TEST_PROMETHEUS_USER", () -> LocalPrometheus.USERNAME);
    registry.add("greenlight.secrets.TEST_PROMETHEUS_PASSWORD", () -> LocalPrometheus.PASSWORD);
  }

  @BeforeEach
  void newDriverAndHealthyService() {
    driver = new RolloutDriver(client, engine, userTasks);
    driver.cancelLeftovers();
    SERVICE.reset();
  }

  /** Starts the strategy's process from a test runbook, as {@code POST /api/rollouts} would for alice. */
  Rollout start(String runbook, Map<String, String> values) {
    return startYaml(runbookYaml(runbook, values));
  }

  /** Starts a rollout of a runbook given as YAML, as {@code POST /api/rollouts} would for alice. */
  Rollout startYaml(String yaml) {
    for (RolloutState state : RolloutState.values()) {
      endedAtStart.put(state.specName(), ended(state));
    }
    StartedRollout started = starter.start(new StartRolloutRequest(null, TextNode.valueOf(yaml), "2.0.0", "CHG-1"),
        ALICE, Channel.API);
    driver.settle();
    return new Rollout(started.rolloutId(), started.processInstanceKey());
  }

  record Rollout(String id, long key) {}

  /** The rollout as the API shows it. */
  RolloutView view(Rollout rollout) {
    return rollouts.find(rollout.id()).orElseThrow(() -> new AssertionError("No rollout " + rollout.id()));
  }

  /**
   * The rollout ended in {@code state} with a reason containing {@code reason} (none for a success), and everyone
   * says so in the same words: the API, the outcome report, Slack and the metrics.
   */
  void assertEnded(Rollout rollout, RolloutState state, String reason) {
    RolloutView view = view(rollout);
    assertThat(view.ended()).as(driver.describe(rollout.key())).isTrue();
    assertThat(view.state()).as("state of %s, reason %s", rollout.id(), view.reason()).isEqualTo(state);
    if (reason == null) {
      assertThat(view.reason()).isNull();
    } else {
      assertThat(view.reason()).contains(reason);
    }
    assertThat(reports.list(rollout.id())).filteredOn(report -> report.kind() == ReportKind.OUTCOME).singleElement()
        .satisfies(report -> {
          assertThat(report.content().path("state").asText()).isEqualTo(state.specName());
          assertThat(report.content().path("reason").isNull() ? null : report.content().path("reason").asText())
              .isEqualTo(view.reason());
        });
    String told = "Rollout " + rollout.id() + " of " + view.service() + " 2.0.0 ended " + state.specName()
        + (view.reason() == null ? "" : ": " + view.reason());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SERVICE.slackMessages()).contains(told));
    assertThat(ended(state) - endedAtStart.get(state.specName())).as("greenlight_rollouts_ended_total{outcome=%s}",
        state.specName()).isEqualTo(1.0);
  }

  private double ended(RolloutState state) {
    return meters.find("greenlight.rollouts.ended").tag("outcome", state.specName()).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  /**
   * A fresh shop database (customers, orders) of the test class's PostgreSQL (register one with
   * {@code LocalPostgres.forTestClass("pg_dump", "pg_restore")}) and an empty backup directory.
   */
  static TestDatabase shopDatabase(LocalPostgres postgres) {
    try {
      return new TestDatabase(ShopDatabase.create(postgres), Files.createTempDirectory(
          Files.createDirectories(Path.of("target")), "process-test-backups"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record TestDatabase(ShopDatabase shop, Path backups) {

    /**
     * The runbook's {@code database} section on one line (a YAML flow mapping), for {@code database: ${database}};
     * {@code migrations} is the section's {@code migrations} mapping, e.g. {@code {tool: liquibase, changelog: x.xml}}.
     */
    String section(String migrations) {
      return section(migrations, "ask");
    }

    /** As {@link #section(String)}, with {@code restoreOnRollback} ask or never. */
    String section(String migrations, String restoreOnRollback) {
      return "{jdbcUrl: '" + shop.jdbcUrl() + "', username: " + LocalPostgres.USER + ", passwordSecret: "
          + DATABASE_PASSWORD_SECRET + ", backupDirectory: '" + backups + "', verifyTables: "
          + ShopDatabase.TABLES + ", migrations: " + migrations + ", restoreOnRollback: " + restoreOnRollback + "}";
    }
  }

  /** A test runbook's YAML with the stand-in's address and the given values filled in. */
  String runbookYaml(String runbook, Map<String, String> values) {
    Map<String, String> all = new HashMap<>(Map.of("base", SERVICE.uri("").toString()));
    all.putAll(values);
    String yaml = runbookText(runbook);
    for (Map.Entry<String, String> value : all.entrySet()) {
      yaml = yaml.replace("${" + value.getKey() + "}", value.getValue());
    }
    return yaml;
  }

  private static String runbookText(String name) {
    try (var in = RunbookProcessTest.class.getResourceAsStream("/process-tests/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalArgumentException("No test runbook process-tests/" + name + ".yaml");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Started on first use, stopped when the test JVM exits. */
  private static final class StandInHolder {
    static final ServiceStandIn SERVICE = new ServiceStandIn();

    static {
      Runtime.getRuntime().addShutdownHook(new Thread(SERVICE::close));
    }
  }
}
