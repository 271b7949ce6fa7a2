package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.support.LocalPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 002 on the embedded engine with the real workers and a real database: every way a blue-green release ends. */
class BlueGreenReleaseProcessTest extends RunbookProcessTest {

  @RegisterExtension
  static final LocalPostgres POSTGRES = LocalPostgres.forTestClass("pg_dump", "pg_restore");

  static final List<String> ROLES =
      List.of("cto", "engineering-lead", "devops-lead", "security-lead", "product-lead", "head-of-support");

  static final String MIGRATIONS = "{tool: command, command: [/bin/true], rollbackCommand: [/bin/true]}";
  static final String FAILING_MIGRATIONS = "{tool: command, command: [/bin/false], rollbackCommand: [/bin/true]}";

  TestDatabase database;

  /** A release of a service with a fresh database whose migrations succeed. */
  Rollout start() {
    database = shopDatabase(POSTGRES);
    return start(Map.of("database", database.section(MIGRATIONS)));
  }

  Rollout start(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(Map.of("deploy", "[/bin/true]", "deadline", "PT1M"));
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

  @Test
  void allSixRolesApproveAndGreenGoesLive() {
    Rollout rollout = start();
    assertThat(signOffTasks(rollout)).flatExtracting(UserTaskRecordValue::getCandidateGroupsList)
        .containsExactlyInAnyOrderElementsOf(ROLES);

    everyRoleApproves(rollout);
    assertThat(SERVICE.canaryWeight()).as("all traffic on green").isEqualTo(100);
    driver.advance(Duration.ofHours(1), Duration.ofMinutes(30));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("signed-off", "back-up-database", "deploy-green", "check-green",
        "run-migrations", "switch-to-green", "watch-green", "stage-passed", "announce-release", "released")
        .doesNotContain("switch-back");
    assertThat(driver.variable(rollout.key(), "traffic")).extracting("side").isEqualTo("green");
    assertThat(driver.variable(rollout.key(), "signedOff")).isEqualTo(true);
    assertThat(SERVICE.lastStepMessage()).contains("is live on green; blue is kept for rollback");
    assertThat(SERVICE.requests("POST", "/pagerduty")).isEmpty();
    assertEnded(rollout, RolloutState.SUCCEEDED, null);
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
        .doesNotContain("back-up-database", "deploy-green", "switch-back");
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
    driver.advance(Duration.ofHours(1), Duration.ofMinutes(30));
    assertThat(driver.path(rollout.key())).contains("released");
  }

  @Test
  void failingChecksOnGreenSwitchBackToBlueAndKeepTheData() {
    Rollout rollout = start();
    SERVICE.failHealthChecks();

    everyRoleApproves(rollout);

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("check-green", "green-unhealthy", "switch-back", "return-traffic",
        "revert-version", "count-rows-since-backup", "announce-rollback", "page-oncall", "rolled-back")
        .doesNotContain("run-migrations", "switch-to-green", "rollback-migrations", "restore-database");
    assertThat(SERVICE.canaryWeight()).as("all traffic on blue").isZero();
    assertLeftAsItWas(rollout);
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).singleElement()
        .satisfies(page -> assertThat(page.body()).contains("Automatic rollback of architect-api 2.0.0"));
  }

  @Test
  void aBreachWhileWatchingGreenRollsBackToBlue() {
    Rollout rollout = start();
    everyRoleApproves(rollout);
    assertThat(SERVICE.canaryWeight()).isEqualTo(100);

    SERVICE.set("errorRate", 0.02);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("watch-green", "stage-breached", "switch-back", "return-traffic",
        "revert-version", "rollback-migrations", "count-rows-since-backup", "rolled-back")
        .doesNotContain("released", "restore-database");
    assertThat(SERVICE.canaryWeight()).isZero();
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

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("run-migrations", "migration-failed", "switch-back",
        "revert-version", "count-rows-since-backup", "rolled-back")
        .as("the failed migration was undone when it failed; undoing it again could destroy an older one")
        .doesNotContain("switch-to-green", "rollback-migrations", "restore-database");
    assertThat(SERVICE.canaryWeight()).isZero();
    assertLeftAsItWas(rollout);
  }

  @Test
  void abortWhileWatchingGreenSwitchesBackWithoutPaging() {
    Rollout rollout = start();
    everyRoleApproves(rollout);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    driver.publish("abort-rollout", rollout.id(), Map.of("abortReason", "customer complaints", "abortedBy", "carol"));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("roll-back-on-abort", "return-traffic", "revert-version",
        "rollback-migrations", "aborted").doesNotContain("released", "page-oncall", "restore-database");
    assertThat(SERVICE.canaryWeight()).isZero();
    assertLeftAsItWas(rollout);
    assertThat(SERVICE.slackMessages()).anyMatch(text -> text.contains("aborted by carol: customer complaints"));
    assertEnded(rollout, RolloutState.ABORTED, "aborted by carol: customer complaints");
  }

  @Test
  void aSwitchTheRouterDoesNotApplyUndoesTheReleaseAndEndsFailed() {
    Rollout rollout = start();
    SERVICE.ignoreNextChange();

    everyRoleApproves(rollout);

    assertThat(driver.path(rollout.key())).contains("switch-to-green", "change-not-applied", "undo-release",
        "revert-version", "change-failed").doesNotContain("watch-green");
    assertThat(SERVICE.canaryWeight()).isZero();
    assertEnded(rollout, RolloutState.FAILED, "Blue-green switch not applied by the HTTP router: the live side reads"
        + " blue, expected green");
  }

  @Test
  void abortDuringTheSignOffsLeavesTheDatabaseUntouched() {
    Rollout rollout = start();
    signOffTasks(rollout);

    driver.publish("abort-rollout", rollout.id(), Map.of("abortReason", "release postponed", "abortedBy", "carol"));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("roll-back-on-abort", "roll-back-database", "aborted")
        .doesNotContain("back-up-database", "rollback-migrations", "count-rows-since-backup");
    assertThat(SERVICE.lastStepMessage())
        .endsWith("aborted by carol: release postponed. Database left as it was (no backup was taken).");
  }

  @Test
  void aServiceWithoutADatabaseIsReleasedWithoutBackupOrMigrations() {
    Rollout rollout = start(Map.of("database", NO_DATABASE));
    everyRoleApproves(rollout);
    driver.advance(Duration.ofHours(1), Duration.ofMinutes(30));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("deploy-green", "switch-to-green", "released")
        .doesNotContain("back-up-database", "run-migrations");
    assertThat(SERVICE.canaryWeight()).isEqualTo(100);
  }

  @Test
  void aDeployToGreenThatMissesItsDeadlineRollsBackWithTrafficOnBlue() {
    Rollout rollout = start(
        Map.of("database", NO_DATABASE, "deploy", "[/bin/sleep, '5']", "deadline", "PT1S"));

    everyRoleApproves(rollout);

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("deploy-failed", "switch-back", "return-traffic", "rolled-back")
        .doesNotContain("check-green", "switch-to-green", "restore-database");
    assertThat(SERVICE.canaryWeight()).isZero();
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).hasSize(1);
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
