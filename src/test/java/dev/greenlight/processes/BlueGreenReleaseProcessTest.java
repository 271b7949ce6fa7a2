package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.rollout.RolloutState;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalPostgres;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 002 on the embedded engine with the real workers and a real database: the side live on the router decides
 * where a release goes, the idle side is deployed to and checked before any traffic moves, and every way a blue-green
 * release ends. The weights API stand-in holds blue as its stable and green as its canary server.
 */
class BlueGreenReleaseProcessTest extends RunbookProcessTest {

  @RegisterExtension
  static final LocalPostgres POSTGRES = LocalPostgres.forTestClass("pg_dump", "pg_restore");

  static final List<String> ROLES =
      List.of("cto", "engineering-lead", "devops-lead", "security-lead", "product-lead", "head-of-support");

  static final String MIGRATIONS = "{tool: command, command: [/bin/true], rollbackCommand: [/bin/true]}";
  static final String FAILING_MIGRATIONS = "{tool: command, command: [/bin/false], rollbackCommand: [/bin/true]}";
  static final Path RECORD_DEPLOY =
      Path.of("src/test/resources/process-tests/scripts/record-deploy.sh").toAbsolutePath();
  /** The test runbook's check of the idle side before the switch, and its watch after it. */
  static final Duration IDLE_SIDE_CHECKS = Duration.ofMinutes(30);
  static final Duration WATCH = Duration.ofHours(1);

  TestDatabase database;
  Path deploys;

  @BeforeEach
  void recordDeploys() throws IOException {
    deploys = Files.createTempFile(Files.createDirectories(Path.of("target")), "blue-green-deploys", ".txt");
  }

  /** A release of a service with a fresh database whose migrations succeed. */
  Rollout start() {
    database = shopDatabase(POSTGRES);
    return start(Map.of("database", database.section(MIGRATIONS)));
  }

  Rollout start(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(
        Map.of("deploy", "['" + RECORD_DEPLOY + "', '" + deploys + "']", "deadline", "PT1M"));
    values.putAll(overrides);
    return start("blue-green", values);
  }

  /** One sign-off task per role, all open at once. */
  List<UserTaskRecordValue> signOffTasks(Rollout rollout) {
    driver.task(rollout.key(), "sign-off");
    return driver.tasks(rollout.key(), "sign-off");
  }

  void everyRoleApproves(Rollout rollout) {
    for (UserTaskRecordValue task : signOffTasks(rollout)) {
      driver.decide(task, "go", task.getCandidateGroupsList().get(0) + "-person");
    }
  }

  /** Signed off, deployed, checked on the idle side, switched and watched to the end. */
  Rollout release() {
    Rollout rollout = start(Map.of("database", NO_DATABASE));
    everyRoleApproves(rollout);
    driver.advance(IDLE_SIDE_CHECKS, Duration.ofMinutes(10));
    driver.advance(WATCH, Duration.ofMinutes(30));
    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    return rollout;
  }

  List<String> deploysRecorded() throws IOException {
    return Files.readAllLines(deploys);
  }

  @Test
  void theIdleSideIsDeployedAndCheckedBeforeAnyTrafficMovesThenSwitchedToAndWatched() throws IOException {
    Rollout rollout = start();
    assertThat(signOffTasks(rollout)).flatExtracting(UserTaskRecordValue::getCandidateGroupsList)
        .containsExactlyInAnyOrderElementsOf(ROLES);
    int before = SERVICE.allRequests().size();

    everyRoleApproves(rollout);
    assertThat(deploysRecorded()).as("blue is live, so the release goes to green").containsExactly("deploy green 2.0.0");
    assertThat(SERVICE.requests("PUT", "/router/weights")).as("no traffic moves while green is checked").isEmpty();
    assertThat(SERVICE.canaryWeight()).isZero();

    driver.advance(IDLE_SIDE_CHECKS, Duration.ofMinutes(10));
    assertThat(SERVICE.canaryWeight()).as("all traffic on green once its checks passed").isEqualTo(100);
    driver.advance(WATCH, Duration.ofMinutes(30));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    List<String> calls = SERVICE.allRequests().subList(before, SERVICE.allRequests().size()).stream()
        .filter(r -> r.path().startsWith("/health") || r.path().startsWith("/stats")
            || r.method().equals("PUT") && r.path().startsWith("/router"))
        .map(r -> r.method() + " " + r.path()).toList();
    int switched = calls.indexOf("PUT /router/weights");
    assertThat(calls).as("smoke test of green, metric checks of green, the switch, the watch").startsWith(
        "GET /health/green", "GET /stats").containsOnlyOnce("PUT /router/weights").endsWith("GET /stats");
    assertThat(calls.subList(1, switched)).as("green's own checks before the switch").containsOnly("GET /stats");
    assertThat(driver.path(rollout.key())).containsSubsequence("signed-off", "back-up-database", "find-live-side",
        "deploy-to-idle-side", "deploy-version", "smoke-test-idle-side", "check-idle-side", "measure-gate",
        "run-migrations", "switch-to-idle-side", "watch-after-switch", "measure-gate", "announce-release",
        "released").doesNotContain("switch-back");
    assertThat(driver.variable(rollout.key(), "liveSide")).isEqualTo("blue");
    assertThat(driver.variable(rollout.key(), "targetSide")).isEqualTo("green");
    assertThat(driver.variable(rollout.key(), "traffic")).extracting("side").isEqualTo("green");
    assertThat(SERVICE.lastStepMessage()).contains("architect-api 2.0.0 is live on green; blue is kept for rollback");
    assertThat(SERVICE.requests("POST", "/pagerduty")).isEmpty();
    assertEnded(rollout, RolloutState.SUCCEEDED, null);
  }

  @Test
  void twoReleasesInARowAlternateSides() throws IOException {
    release();
    assertThat(SERVICE.canaryWeight()).as("green is live after the first release").isEqualTo(100);

    Rollout second = release();

    assertThat(deploysRecorded()).containsExactly("deploy green 2.0.0", "deploy blue 2.0.0");
    assertThat(SERVICE.requests("GET", "/health/")).extracting(RecordedRequest::path)
        .containsExactly("/health/green", "/health/blue");
    assertThat(SERVICE.canaryWeight()).as("all traffic back on blue, which now runs the second release").isZero();
    assertThat(driver.variable(second.key(), "liveSide")).isEqualTo("green");
    assertThat(SERVICE.lastStepMessage()).contains("is live on blue; green is kept for rollback");
    assertEnded(second, RolloutState.SUCCEEDED, null);
  }

  @Test
  void aFailingSmokeCheckOnTheIdleSideLeavesTheRouterUntouchedAndSaysWhichCheckFailedAndWhy() {
    Rollout rollout = start();
    SERVICE.failHealthChecks();

    everyRoleApproves(rollout);

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("smoke-test-idle-side", "smoke-failed", "switch-back",
        "revert-version", "count-rows-since-backup", "announce-rollback", "page-oncall", "rolled-back")
        .doesNotContain("check-idle-side", "run-migrations", "switch-to-idle-side", "rollback-migrations",
            "restore-database");
    assertThat(SERVICE.requests("PUT", "/router/weights")).as("the rollback finds blue live and writes nothing")
        .isEmpty();
    assertThat(SERVICE.canaryWeight()).isZero();
    assertLeftAsItWas(rollout);
    String why = "1 of 1 smoke checks failed: health (GET " + SERVICE.uri("/health/green")
        + "): expected status 200, got 503; $.status was \"DOWN\", expected \"UP\"";
    assertThat(SERVICE.slackMessages()).anyMatch(text -> text.startsWith("Rolled back architect-api 2.0.0: " + why));
    assertThat(SERVICE.pages()).singleElement().extracting(page -> page.at("/payload/summary").asText())
        .asString().contains(why);
    assertEnded(rollout, RolloutState.ROLLED_BACK, why);
  }

  @Test
  void aBreachOfTheIdleSidesMetricChecksLeavesTheRouterUntouched() {
    Rollout rollout = start();
    everyRoleApproves(rollout);

    SERVICE.set("errorRate", 0.02);
    driver.advance(IDLE_SIDE_CHECKS, Duration.ofMinutes(10));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("check-idle-side", "stage-breached", "switch-back",
        "revert-version", "rolled-back")
        .doesNotContain("run-migrations", "switch-to-idle-side", "watch-after-switch");
    assertThat(SERVICE.requests("PUT", "/router/weights")).as("the router is never written to").isEmpty();
    assertLeftAsItWas(rollout);
    assertEnded(rollout, RolloutState.ROLLED_BACK, "error rate 2 % is above the 0.1 % limit");
  }

  @Test
  void aBreachAfterTheSwitchSwitchesBackToTheSideThatWasLive() {
    Rollout rollout = start();
    everyRoleApproves(rollout);
    driver.advance(IDLE_SIDE_CHECKS, Duration.ofMinutes(10));
    assertThat(SERVICE.canaryWeight()).isEqualTo(100);

    SERVICE.set("errorRate", 0.02);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).containsSubsequence("switch-to-idle-side", "watch-after-switch",
        "stage-breached", "switch-back", "return-traffic", "revert-version", "rollback-migrations",
        "count-rows-since-backup", "rolled-back").doesNotContain("released", "restore-database");
    assertThat(SERVICE.requests("PUT", "/router/weights")).extracting(RecordedRequest::body)
        .as("switched to green, then back to blue")
        .containsExactly("{\"stable\":0,\"canary\":100}", "{\"stable\":100,\"canary\":0}");
    assertLeftAsItWas(rollout);
    assertThat(SERVICE.lastStepMessage()).contains("Migrations rolled back with '/bin/true'.");
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).singleElement()
        .satisfies(page -> assertThat(page.body()).contains("error rate 2 % is above the 0.1 % limit"));
    assertEnded(rollout, RolloutState.ROLLED_BACK, "error rate 2 % is above the 0.1 % limit");
  }

  @Test
  void aFailedMigrationRollsBackBeforeTrafficMoves() {
    database = shopDatabase(POSTGRES);
    Rollout rollout = start(Map.of("database", database.section(FAILING_MIGRATIONS)));

    everyRoleApproves(rollout);
    driver.advance(IDLE_SIDE_CHECKS, Duration.ofMinutes(10));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("run-migrations", "migration-failed", "switch-back",
        "revert-version", "count-rows-since-backup", "rolled-back")
        .as("the failed migration was undone when it failed; undoing it again could destroy an older one")
        .doesNotContain("switch-to-idle-side", "rollback-migrations", "restore-database");
    assertThat(SERVICE.requests("PUT", "/router/weights")).isEmpty();
    assertLeftAsItWas(rollout);
  }

  @Test
  void abortWhileWatchingSwitchesBackWithoutPaging() {
    Rollout rollout = start();
    everyRoleApproves(rollout);
    driver.advance(IDLE_SIDE_CHECKS, Duration.ofMinutes(10));

    driver.publish("abort-rollout", rollout.id(), Map.of("abortReason", "customer complaints", "abortedBy", "carol"));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("roll-back-on-abort", "return-traffic", "revert-version",
        "rollback-migrations", "aborted").doesNotContain("released", "page-oncall", "restore-database");
    assertThat(SERVICE.canaryWeight()).as("back on blue, the side that was live").isZero();
    assertLeftAsItWas(rollout);
    assertThat(SERVICE.slackMessages()).anyMatch(text -> text.contains("aborted by carol: customer complaints"));
    assertEnded(rollout, RolloutState.ABORTED, "aborted by carol: customer complaints");
  }

  @Test
  void aSwitchTheRouterDoesNotApplyRollsBackAndEndsFailed() {
    Rollout rollout = start();
    SERVICE.ignoreNextChange();

    everyRoleApproves(rollout);
    driver.advance(IDLE_SIDE_CHECKS, Duration.ofMinutes(10));

    assertThat(driver.path(rollout.key())).contains("switch-to-idle-side", "switch-not-applied", "switch-back",
        "revert-version", "change-failed").doesNotContain("watch-after-switch");
    assertThat(SERVICE.canaryWeight()).isZero();
    assertEnded(rollout, RolloutState.FAILED, "Blue-green switch not applied by the HTTP router: the live side reads"
        + " blue, expected green");
  }

  @Test
  void abortDuringTheSignOffsTouchesNeitherTheRouterNorTheDatabase() {
    Rollout rollout = start();
    signOffTasks(rollout);

    driver.publish("abort-rollout", rollout.id(), Map.of("abortReason", "release postponed", "abortedBy", "carol"));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("roll-back-on-abort", "roll-back-database", "aborted")
        .doesNotContain("find-live-side", "return-traffic", "back-up-database", "rollback-migrations",
            "count-rows-since-backup");
    assertThat(SERVICE.requests("PUT", "/router/weights")).isEmpty();
    assertThat(SERVICE.lastStepMessage())
        .endsWith("aborted by carol: release postponed. Database left as it was (no backup was taken).");
  }

  @Test
  void aServiceWithoutADatabaseIsReleasedWithoutBackupOrMigrations() {
    Rollout rollout = release();

    assertThat(driver.path(rollout.key())).contains("deploy-to-idle-side", "switch-to-idle-side", "released")
        .doesNotContain("back-up-database", "run-migrations");
    assertThat(SERVICE.canaryWeight()).isEqualTo(100);
  }

  @Test
  void aDeployThatMissesItsDeadlineRollsBackWithoutTouchingTheRouter() {
    Rollout rollout = start(
        Map.of("database", NO_DATABASE, "deploy", "[/bin/sleep, '5']", "deadline", "PT1S"));

    everyRoleApproves(rollout);

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("deploy-failed", "switch-back", "rolled-back")
        .doesNotContain("smoke-test-idle-side", "switch-to-idle-side", "restore-database");
    assertThat(SERVICE.requests("PUT", "/router/weights")).isEmpty();
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).hasSize(1);
  }

  @Test
  void oneRejectionStopsTheReleaseAndCancelsTheOtherSignOffs() {
    Rollout rollout = start();
    List<UserTaskRecordValue> tasks = signOffTasks(rollout);
    driver.decide(tasks.get(0), "go", "first-approver");

    driver.decide(tasks.get(1), "no-go", "second-approver");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.tasks(rollout.key(), "sign-off")).as("the other sign-offs are cancelled").isEmpty();
    assertThat(driver.path(rollout.key())).contains("not-signed-off", "not-approved")
        .doesNotContain("back-up-database", "deploy-to-idle-side", "switch-back");
    assertThat(driver.variable(rollout.key(), "signedOff")).isEqualTo(false);
    assertThat(SERVICE.requests("PUT", "/router/weights")).isEmpty();
    assertEnded(rollout, RolloutState.NOT_APPROVED, "no-go by second-approver");
  }

  @Test
  void overdueSignOffsAreRemindedThenEscalatedToTheOnCall() {
    Rollout rollout = start();
    driver.advance(Duration.ofHours(3), Duration.ofHours(3));
    assertThat(SERVICE.slackMessages()).noneMatch(message -> message.contains("still open"));

    driver.advance(Duration.ofHours(1), Duration.ofHours(1));
    assertThat(SERVICE.slackMessages()).filteredOn(message -> message.contains("are still open")).hasSize(1);
    assertThat(SERVICE.requests("POST", "/pagerduty")).isEmpty();

    driver.advance(Duration.ofHours(20), Duration.ofHours(10));
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).singleElement()
        .satisfies(page -> assertThat(page.body()).contains("\"event_action\":\"trigger\"", "are overdue"));
    assertThat(driver.path(rollout.key())).contains("remind-signers", "reminded", "escalate-signoffs", "escalated");
    assertThat(signOffTasks(rollout)).as("still waiting for every role").hasSize(ROLES.size());

    everyRoleApproves(rollout);
    driver.advance(IDLE_SIDE_CHECKS, Duration.ofMinutes(10));
    driver.advance(WATCH, Duration.ofMinutes(30));
    assertThat(driver.path(rollout.key())).contains("released");
  }

  /** No restore: the rollback counted the rows since the backup, kept them and said so. */
  private void assertLeftAsItWas(Rollout rollout) {
    assertThat(driver.variable(rollout.key(), "restore")).as(driver.describe(rollout.key())).isNull();
    assertThat(driver.variable(rollout.key(), "databaseRollback")).extracting("outcome").asString()
        .contains("Database left as it was: no rows were added since the backup of ")
        .contains("(customers: 3 at backup, 3 now; orders: 4 at backup, 4 now)");
    assertThat(SERVICE.lastStepMessage()).contains("Database left as it was: no rows were added")
        .doesNotContain("restored", "match the backup");
    assertThat(database.shop().query("SELECT count(*) AS n FROM customers")).singleElement()
        .extracting(row -> row.get("n")).isEqualTo(3L);
  }
}
