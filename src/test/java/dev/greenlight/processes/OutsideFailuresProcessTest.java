package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.support.LocalNginx;
import dev.greenlight.support.LocalPostgres;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import dev.greenlight.support.EngineRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Outside systems failing at the worst moments, with the real ones: nginx whose reload fails as a breach hits, nginx
 * refusing the first traffic change after a deploy, PostgreSQL down at the backup, Slack and PagerDuty down during a
 * rollback. Every rollout ends in a state a person is told about, and nothing stays half-applied.
 */
class OutsideFailuresProcessTest extends RunbookProcessTest {

  @RegisterExtension
  static final LocalPostgres POSTGRES = LocalPostgres.forTestClass("pg_dump", "pg_restore");

  private static final Duration ROLLBACK_LIMIT = Duration.ofSeconds(60);

  /** The failure tests' release, which keeps the live version in a file (the server allows its scripts). */
  static final Path VERSION_SCRIPT = Path.of("src/test/resources/process-tests/scripts/version.sh").toAbsolutePath();

  @Autowired TestRestTemplate http;
  /** Under {@code target}, where the server lets runbooks have Greenlight write (nginx's upstream file). */
  Path work;
  LocalNginx nginx;
  Path version;

  @BeforeEach
  void versionOneIsLive() throws IOException {
    work = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "outside-failures").toAbsolutePath();
    version = work.resolve("version");
    Files.writeString(version, "1.0.0\n");
  }

  @AfterEach
  void stopNginx() throws InterruptedException {
    if (nginx != null) {
      nginx.close();
    }
  }

  @Test
  void nginxReloadFailingAtABreachPagesTheOnCallAtOnceAndTheRetriesFinishTheRollbackOnceItWorks() throws Exception {
    nginx = LocalNginx.start(Files.createDirectories(work.resolve("nginx")));
    Rollout rollout = start("canary-failures", values(nginxTraffic(nginx.canaryServer()), "null"));
    driver.advance(Duration.ofHours(2), Duration.ofMinutes(30));
    assertThat(Files.readString(nginx.upstreamFile())).contains(nginx.canaryServer() + " weight=10;");

    nginx.breakReload();
    SERVICE.set("errorRate", 0.02);
    engine.increaseTime(Duration.ofMinutes(30));

    JsonNode page = await().atMost(ROLLBACK_LIMIT).pollInterval(Duration.ofMillis(10))
        .until(() -> SERVICE.pages().stream().filter(p -> p.path("payload").path("severity").asText().equals("critical"))
            .findFirst().orElse(null), found -> found != null);
    assertThat(failuresOf(rollout, "shift-traffic")).as("paged within one retry cycle").isBetween(1L, 2L);
    assertThat(page.path("dedup_key").asText()).isEqualTo("greenlight/" + rollout.id() + "/rollback-failed");
    assertThat(page.path("payload").path("summary").asText())
        .startsWith("Rollback of checkout 2.0.0 (" + rollout.id() + ") is stuck: Rollback › Return all traffic to"
            + " stable failed: nginx reload failed")
        .endsWith("Traffic now: 10 % on the new version, 90 % on the stable one (read from the nginx router).");
    RolloutView stuck = await().atMost(Duration.ofSeconds(10))
        .until(() -> view(rollout), view -> view.state() == RolloutState.ROLLBACK_FAILED);
    assertThat(stuck.reason()).startsWith("Rollback › Return all traffic to stable failed")
        .contains("nginx reload failed").contains("Greenlight tries again until it works");
    assertThat(stuck.retrying()).singleElement().satisfies(step -> {
      assertThat(step.path()).isEqualTo("Rollback › Return all traffic to stable");
      assertThat(step.duringRollback()).isTrue();
    });
    JsonNode api = http.withBasicAuth("alice", "alice-pw").getForObject("/api/rollouts/" + rollout.id(), JsonNode.class);
    assertThat(api.path("state").asText()).isEqualTo("rollback-failed");
    // the count of attempts and the next one move on while the step is retried: the API says the same of the step
    assertThat(api.path("reason").asText()).startsWith("Rollback › Return all traffic to stable failed")
        .contains("nginx reload failed").contains("Greenlight tries again until it works");
    assertThat(nginx.sendRequests(100)).as("traffic where it was").containsEntry("canary", 10L);
    assertThat(SERVICE.slackMessages()).anyMatch(text -> text.startsWith("Rollback of checkout 2.0.0 ("
        + rollout.id() + ") is stuck"));

    nginx.repairReload();

    await().atMost(ROLLBACK_LIMIT).until(() -> view(rollout).ended());
    assertEnded(rollout, RolloutState.ROLLED_BACK, "error rate 2 % is above the 0.5 % limit");
    assertThat(nginx.sendRequests(100)).containsExactly(Map.entry("stable", 100L));
    assertThat(Files.readString(version)).isEqualTo("1.0.0\n");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SERVICE.pages())
        .anyMatch(p -> p.path("event_action").asText().equals("resolve")
            && p.path("dedup_key").asText().equals("greenlight/" + rollout.id() + "/rollback-failed")));
    assertThat(SERVICE.pages()).filteredOn(p -> p.path("payload").path("severity").asText().equals("critical"))
        .as("one page, however often the step failed").hasSize(1);
  }

  @Test
  void nginxRefusingTheFirstTrafficChangeAfterTheDeployRevertsTheVersionAndEndsFailed() throws Exception {
    nginx = LocalNginx.start(Files.createDirectories(work.resolve("nginx")));
    String typo = nginx.canaryServer() + "0";

    Rollout rollout = start("canary-failures", values(nginxTraffic(typo), "null"));

    assertThat(driver.path(rollout.key())).containsSubsequence("deploy-canary", "smoke-test-canary",
        "shift-to-stage-weight", "change-not-applied", "undo-release", "return-traffic", "revert-version",
        "change-failed");
    assertThat(Files.readString(version)).as("the deployed version is reverted").isEqualTo("1.0.0\n");
    assertThat(nginx.sendRequests(100)).containsExactly(Map.entry("stable", 100L));
    assertEnded(rollout, RolloutState.FAILED, "nginx rejected the new upstream checkout");
    assertThat(view(rollout).reason()).contains("invalid port");
    assertThat(SERVICE.slackMessages()).anyMatch(text -> text.startsWith("Rolled back checkout 2.0.0: nginx rejected"));
    assertThat(SERVICE.pages()).anyMatch(p -> p.path("payload").path("summary").asText()
        .startsWith("Automatic rollback of checkout 2.0.0: nginx rejected"));
  }

  @Test
  void nginxReloadFailingAtTheFirstTrafficChangeUndoesTheReleaseOnceItsAttemptsAreSpent() throws Exception {
    nginx = LocalNginx.start(Files.createDirectories(work.resolve("nginx")));
    nginx.breakReload();

    Rollout rollout = start("canary-failures", values(nginxTraffic(nginx.canaryServer()), "null"));

    assertThat(driver.path(rollout.key())).containsSubsequence("deploy-canary", "shift-to-stage-weight",
        "change-not-applied", "undo-release", "revert-version", "change-failed");
    assertThat(Files.readString(version)).as("the deployed version is reverted").isEqualTo("1.0.0\n");
    assertThat(nginx.sendRequests(100)).containsExactly(Map.entry("stable", 100L));
    assertEnded(rollout, RolloutState.FAILED, "Run the stages › Shift traffic to the stage weight failed 3 times:"
        + " nginx reload failed");
  }

  @Test
  void postgresDownAtTheBackupStopsBeforeAnyChangeAndGoesOnWhenRetriedAfterItIsBack() throws Exception {
    TestDatabase database = shopDatabase(POSTGRES);
    POSTGRES.stop();
    try {
      Rollout rollout = start("canary-failures", values(httpTraffic(), database.section("null")));

      RolloutView stopped = view(rollout);
      assertThat(stopped.state()).isEqualTo(RolloutState.FAILED);
      assertThat(stopped.reason()).startsWith("Stopped before any change: Back up the database failed 3 times: ")
          .contains("greenlight retry " + rollout.id());
      assertThat(driver.path(rollout.key())).doesNotContain("deploy-canary");
      assertThat(Files.readString(version)).isEqualTo("1.0.0\n");
      await().atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(SERVICE.slackMessages()).contains(stopped.reason()));

      POSTGRES.start();
      ResponseEntity<JsonNode> retried = http.withBasicAuth("alice", "alice-pw")
          .postForEntity("/api/rollouts/" + rollout.id() + "/retry", null, JsonNode.class);
      driver.settle();

      assertThat(retried.getStatusCode().value()).isEqualTo(202);
      assertThat(retried.getBody().path("retried").get(0).asText()).isEqualTo("Back up the database");
      assertThat(view(rollout).state()).isEqualTo(RolloutState.ACTIVE);
      assertThat(driver.path(rollout.key())).containsSubsequence("back-up-database", "deploy-canary",
          "shift-to-stage-weight");
      assertThat(driver.variable(rollout.key(), "backup")).extracting("rowCounts")
          .isEqualTo(Map.of("customers", 3, "orders", 4));
      assertThat(Files.readString(version)).isEqualTo("2.0.0\n");
    } finally {
      POSTGRES.start();
    }
  }

  @Test
  void slackAndPagerDutyDownNeverDelayARollback() {
    Duration told = breachToRolledBack(false);
    Duration nobodyReachable = breachToRolledBack(true);

    assertThat(nobodyReachable).as("with Slack and PagerDuty down (%s with them up)", told)
        .isLessThan(told.plus(Duration.ofSeconds(2)));
  }

  /** From the breach to the rollout rolled back, Slack and PagerDuty up or down. */
  private Duration breachToRolledBack(boolean notificationsDown) {
    driver.cancelLeftovers();
    SERVICE.reset();
    Rollout rollout = start("canary-failures", values(httpTraffic(), "null"));
    driver.advance(Duration.ofHours(2), Duration.ofMinutes(30));
    SERVICE.set("errorRate", 0.02);
    SERVICE.notificationsDown(notificationsDown);

    long started = System.nanoTime();
    engine.increaseTime(Duration.ofMinutes(30));
    await().atMost(ROLLBACK_LIMIT).pollInterval(Duration.ofMillis(10)).until(() -> view(rollout).ended());
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(view(rollout).state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(SERVICE.canaryWeight()).isZero();
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).isNotEmpty();
    return took;
  }

  private long failuresOf(Rollout rollout, String jobType) {
    var family = driver.family(rollout.key());
    return new EngineRecords(engine).all().stream()
        .filter(r -> r.getValueType() == ValueType.JOB && r.getRecordType() == RecordType.EVENT
            && r.getIntent() == JobIntent.FAILED)
        .map(r -> (JobRecordValue) r.getValue())
        .filter(job -> job.getType().equals(jobType) && family.contains(job.getProcessInstanceKey()))
        .count();
  }

  private Map<String, String> values(String traffic, String databaseSection) {
    Map<String, String> values = new HashMap<>();
    values.put("traffic", traffic);
    values.put("database", databaseSection);
    values.put("deploy", "['" + VERSION_SCRIPT + "', '" + version + "', deploy]");
    values.put("revert", "['" + VERSION_SCRIPT + "', '" + version + "', revert]");
    values.put("currentVersion", "['" + VERSION_SCRIPT + "', '" + version + "', current]");
    return values;
  }

  private String nginxTraffic(String canaryServer) {
    return "{provider: nginx, nginx: {upstreamFile: '" + nginx.upstreamFile() + "', upstream: " + LocalNginx.UPSTREAM
        + ", stableServer: '" + nginx.stableServer() + "', canaryServer: '" + canaryServer + "', testCommand: "
        + flow(nginx.command("-t")) + ", reloadCommand: " + flow(nginx.command("-s", "reload")) + "}}";
  }

  private static String httpTraffic() {
    return "{provider: http, url: '" + SERVICE.uri("/router/weights") + "'}";
  }

  private static String flow(List<String> command) {
    return "[" + String.join(", ", command.stream().map(argument -> "'" + argument + "'").toList()) + "]";
  }
}
