package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.reports.Report;
import dev.greenlight.reports.ReportKind;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.support.LocalPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 000 on the embedded engine with the real workers: every way a feature-flag rollout ends. */
class FeatureFlagRolloutProcessTest extends RunbookProcessTest {

  @RegisterExtension
  static final LocalPostgres POSTGRES = LocalPostgres.forTestClass("pg_dump", "pg_restore");


  static final String NEW_SYSTEM = "USE_ELEMENT_SYSTEM";
  static final String COMPARE_MODE = "ELEMENT_SYSTEM_COMPARE_MODE";

  Rollout start() {
    return start(Map.of());
  }

  Rollout start(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(Map.of("database", NO_DATABASE, "deploy", "[/bin/true]", "deadline",
        "PT1M", "compareOnBreach", "rollback"));
    values.putAll(overrides);
    return start("feature-flag", values);
  }

  /** Checklist confirmed and the dark launch watched for its hour: compare mode waits for its go. */
  Rollout darkLaunched(Map<String, String> overrides) {
    Rollout rollout = start(overrides);
    driver.decide(rollout.key(), "confirm-checklist", "go");
    driver.advance(Duration.ofHours(1), Duration.ofMinutes(30));
    driver.task(rollout.key(), "approve-compare-mode");
    return rollout;
  }

  /** Compare mode ran its 48 hours without a breach: the switch waits for its go. */
  Rollout compareModeClean(Map<String, String> overrides) {
    Rollout rollout = darkLaunched(overrides);
    driver.decide(rollout.key(), "approve-compare-mode", "go");
    assertThat(flag(COMPARE_MODE)).isTrue();
    driver.advance(Duration.ofHours(48), Duration.ofHours(12));
    driver.task(rollout.key(), "approve-switch");
    return rollout;
  }

  /** Switched to the new system after a clean compare mode. */
  Rollout switched(Map<String, String> overrides) {
    Rollout rollout = compareModeClean(overrides);
    driver.decide(rollout.key(), "approve-switch", "go");
    assertThat(flag(NEW_SYSTEM)).isTrue();
    assertThat(flag(COMPARE_MODE)).isFalse();
    return rollout;
  }

  /** The new system watched for its 24 hours, with a smoke run every 6 hours: the post-deployment review is next. */
  void watchTheSwitch(Rollout rollout) {
    driver.advance(Duration.ofHours(24), Duration.ofHours(6));
    assertThat(driver.path(rollout.key())).as(driver.describe(rollout.key()))
        .contains("check-after-the-first-period", "check-after-a-day", "wait-for-review")
        .doesNotContain("check-before-review");
    assertThat(driver.path(rollout.key())).filteredOn("hourly-smoke-test"::equals).hasSizeGreaterThanOrEqualTo(3);
  }

  List<Report> reports(Rollout rollout, ReportKind kind) {
    return reports.list(rollout.id()).stream().filter(report -> report.kind() == kind).toList();
  }

  static Boolean flag(String name) {
    return SERVICE.flag(name) == null ? null : SERVICE.flag(name).asBoolean();
  }

  @Test
  void aNoGoOnTheChecklistEndsTheRolloutBeforeTheDeploy() {
    Rollout rollout = start();

    driver.decide(rollout.key(), "confirm-checklist", "no-go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("checklist-not-approved").doesNotContain("deploy-disabled");
    assertThat(SERVICE.requests("PUT", "/flags")).isEmpty();
    assertEnded(rollout, RolloutState.NOT_APPROVED, "no-go by process-test on confirm-checklist");
  }

  @Test
  void flagsThatDoNotReadBackAsOffAfterTheDeployUndoTheReleaseAndEndFailed() {
    SERVICE.flag(NEW_SYSTEM, true);
    Rollout rollout = start();
    SERVICE.ignoreNextChange();

    driver.decide(rollout.key(), "confirm-checklist", "go");

    assertThat(driver.path(rollout.key())).contains("deploy-disabled", "verify-flags-off", "change-not-applied",
        "flags-not-off", "dark-launch-passed", "roll-back", "disable-new-system", "revert-version", "change-failed")
        .doesNotContain("smoke-test-legacy");
    assertThat(flag(NEW_SYSTEM)).isFalse();
    assertEnded(rollout, RolloutState.FAILED, "Flag change not applied by the HTTP flag store");
  }

  @Test
  void aFailingSmokeTestOfTheLegacyPathRollsBackQuickly() {
    SERVICE.failHealthChecks();
    Rollout rollout = start();

    driver.decide(rollout.key(), "confirm-checklist", "go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("verify-flags-off", "legacy-smoke-failed", "disable-new-system",
        "rolled-back").doesNotContain("watch-stability", "revert-version");
    assertThat(flag(NEW_SYSTEM)).isFalse();
  }

  @Test
  void aBreachInTheDarkLaunchTurnsTheNewSystemOffAndPages() {
    Rollout rollout = start();
    driver.decide(rollout.key(), "confirm-checklist", "go");
    assertThat(flag(NEW_SYSTEM)).isFalse();

    SERVICE.set("errorRate", 0.002);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("watch-stability", "stage-breached", "roll-back",
        "disable-new-system", "page-oncall", "rolled-back")
        .doesNotContain("approve-compare-mode", "revert-version", "restore-database");
    assertThat(flag(NEW_SYSTEM)).isFalse();
    assertThat(flag(COMPARE_MODE)).isFalse();
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).singleElement()
        .satisfies(page -> assertThat(page.body()).contains("error rate 0.2 % is above the 0.1 % limit"));
    assertEnded(rollout, RolloutState.ROLLED_BACK, "error rate 0.2 % is above the 0.1 % limit");
  }

  @Test
  void aDeployThatMissesItsDeadlineRollsBackFully() {
    Rollout rollout = start(Map.of("deploy", "[/bin/sleep, '5']", "deadline", "PT1S"));

    driver.decide(rollout.key(), "confirm-checklist", "go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("deploy-failed", "deploy-not-live", "roll-back",
        "disable-new-system", "full-rollback", "rolled-back").doesNotContain("verify-flags-off");
  }

  @Test
  void aFailedMigrationIsUndoneOnceAndTheRollbackKeepsTheData() {
    TestDatabase database = shopDatabase(POSTGRES);
    var before = database.shop().allRows();
    Rollout rollout = start(Map.of("database",
        database.section("{tool: liquibase, changelog: liquibase/failing.xml}")));

    driver.decide(rollout.key(), "confirm-checklist", "go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("back-up-database", "deploy-disabled", "run-migrations",
        "migration-failed", "migrations-not-applied", "roll-back", "disable-new-system", "revert-version",
        "count-rows-since-backup", "rolled-back").doesNotContain("verify-flags-off", "rollback-migrations",
        "restore-database");
    assertThat(driver.variable(rollout.key(), "databaseRollback")).extracting("outcome").asString()
        .startsWith("Database left as it was: no rows were added since the backup");
    assertThat(database.shop().allRows()).isEqualTo(before);
    assertThat(database.shop().columns("customers")).extracting(column -> column.get("column_name"))
        .doesNotContain("referral_code");
  }

  @Test
  void aFailingSmokeTestOfBothPathsRollsBackQuickly() {
    Rollout rollout = darkLaunched(Map.of());
    SERVICE.failHealthChecks();

    driver.decide(rollout.key(), "approve-compare-mode", "go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("enable-compare-mode", "compare-smoke-failed", "rolled-back")
        .doesNotContain("watch-compare-mode");
    assertThat(flag(COMPARE_MODE)).isFalse();
  }

  @Test
  void aNoGoForCompareModeTurnsTheNewSystemOff() {
    Rollout rollout = darkLaunched(Map.of());

    driver.decide(rollout.key(), "approve-compare-mode", "no-go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("compare-approved", "compare-not-approved", "roll-back",
        "not-approved").doesNotContain("enable-compare-mode", "page-oncall");
    assertThat(flag(NEW_SYSTEM)).isFalse();
    assertThat(flag(COMPARE_MODE)).isFalse();
  }

  @Test
  void aRedFlagInCompareModeRollsBackWithTheTriggersAction() {
    Rollout rollout = darkLaunched(Map.of());
    driver.decide(rollout.key(), "approve-compare-mode", "go");

    SERVICE.set("errorRate", 0.02);
    driver.advance(Duration.ofHours(12), Duration.ofHours(12));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("watch-compare-mode", "compare-outcome", "roll-back",
        "disable-new-system", "rolled-back").doesNotContain("approve-switch", "revert-version");
    assertThat(driver.variable(rollout.key(), "gate")).extracting("trigger", "action")
        .containsExactly("high-error-rate", "quick");
    assertThat(flag(COMPARE_MODE)).isFalse();
    assertThat(flag(NEW_SYSTEM)).isFalse();
  }

  @Test
  void discrepanciesAboveTheThresholdRollBackWithBothFlagsOffAndNoSwitchQuestion() {
    Rollout rollout = darkLaunched(Map.of());
    driver.decide(rollout.key(), "approve-compare-mode", "go");
    SERVICE.compareStatsDisagreeing(1200, 3, 0);

    driver.advance(Duration.ofHours(12), Duration.ofHours(12));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("watch-compare-mode", "compare-outcome", "ask-on-breach",
        "compare-breached", "roll-back", "disable-new-system", "rolled-back")
        .doesNotContain("approve-switch", "switch-flags", "decide-compare-breach", "revert-version");
    assertThat(driver.values(rollout.key(), "question")).as("no question about the switch")
        .noneMatch(question -> String.valueOf(question).startsWith("Switch"));
    assertThat(driver.variable(rollout.key(), "gate")).extracting("trigger").isNull();
    assertThat(flag(COMPARE_MODE)).isFalse();
    assertThat(flag(NEW_SYSTEM)).isFalse();
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).singleElement()
        .satisfies(page -> assertThat(page.body()).contains("compare discrepancies 3 is above the 0 limit"));
    assertEnded(rollout, RolloutState.ROLLED_BACK, "compare discrepancies 3 is above the 0 limit");
  }

  @Test
  void compareErrorsAboveTheThresholdRollBackToo() {
    Rollout rollout = darkLaunched(Map.of());
    driver.decide(rollout.key(), "approve-compare-mode", "go");
    SERVICE.compareStatsDisagreeing(1200, 0, 2);

    driver.advance(Duration.ofHours(12), Duration.ofHours(12));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("compare-breached", "roll-back").doesNotContain("approve-switch");
    assertEnded(rollout, RolloutState.ROLLED_BACK, "compare errors 2 is above the 0 limit");
  }

  @Test
  void onBreachAskSendsTheDecidersTheSamplesAndGoComparesAgainCountingOnlyNewDiscrepancies() {
    Rollout rollout = darkLaunched(Map.of("compareOnBreach", "ask"));
    driver.decide(rollout.key(), "approve-compare-mode", "go");
    SERVICE.compareStatsDisagreeing(1200, 3, 0);

    driver.advance(Duration.ofHours(12), Duration.ofHours(12));

    driver.task(rollout.key(), "decide-compare-breach");
    assertThat(flag(COMPARE_MODE)).as("compare mode runs while the deciders decide").isTrue();
    RolloutView.PendingDecision asked = view(rollout).pendingDecisions().getFirst();
    assertThat(asked.elementId()).isEqualTo("decide-compare-breach");
    assertThat(asked.question()).isEqualTo("Compare mode of msia-api 2.0.0 breached. Carry on comparing?");
    assertThat(asked.summary()).startsWith("compare discrepancies 3 is above the 0 limit.")
        .contains("Samples where the systems disagree: “escalera”: legacy T3 (180€), new T2 (230€).");
    assertThat(asked.samples()).singleElement().satisfies(sample -> {
      assertThat(sample.path("input").asText()).isEqualTo("escalera");
      assertThat(sample.path("legacy_result").asText()).isEqualTo("T3 (180€)");
      assertThat(sample.path("new_result").asText()).isEqualTo("T2 (230€)");
      assertThat(sample.path("match").asBoolean()).isFalse();
    });
    assertThat(SERVICE.slackMessages()).anySatisfy(message -> assertThat(message)
        .startsWith("Compare mode of msia-api 2.0.0 (" + rollout.id() + ") breached: compare discrepancies 3 is"
            + " above the 0 limit.").contains("“escalera”: legacy T3 (180€), new T2 (230€)"));
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).as("asked, not rolled back").isEmpty();

    driver.decide(rollout.key(), "decide-compare-breach", "go");
    driver.advance(Duration.ofHours(48), Duration.ofHours(12));

    driver.task(rollout.key(), "approve-switch");
    assertThat(view(rollout).stages()).extracting(stage -> stage.path("stage").asText() + " "
        + stage.path("outcome").asText()).containsExactly("deployed-disabled passed", "compare-mode breached",
            "compare-mode passed");
    JsonNode watchedAgain = view(rollout).stages().get(2);
    assertThat(watchedAgain.at("/metrics/compareDiscrepancies/value").asDouble()).as("the 3 accepted not counted")
        .isZero();
  }

  @Test
  void aNoGoOnTheCompareBreachRollsBackWithTheBreachAndTheDecision() {
    Rollout rollout = darkLaunched(Map.of("compareOnBreach", "ask"));
    driver.decide(rollout.key(), "approve-compare-mode", "go");
    SERVICE.compareStatsDisagreeing(1200, 3, 0);
    driver.advance(Duration.ofHours(12), Duration.ofHours(12));

    driver.decide(rollout.key(), "decide-compare-breach", "no-go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("carry-on-comparing", "compare-breached-after-ask", "roll-back",
        "rolled-back").doesNotContain("approve-switch");
    assertThat(flag(COMPARE_MODE)).isFalse();
    assertThat(flag(NEW_SYSTEM)).isFalse();
    assertEnded(rollout, RolloutState.ROLLED_BACK, "compare discrepancies 3 is above the 0 limit; the deciders said"
        + " no-go (process-test: decided by the process test)");
  }

  @Test
  void aNoGoForTheSwitchTurnsTheNewSystemOff() {
    Rollout rollout = compareModeClean(Map.of());
    assertThat(driver.variable(rollout.key(), "summary")).asString()
        .startsWith("Compare mode ran its full window without a breach.");

    driver.decide(rollout.key(), "approve-switch", "no-go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("switch-approved", "switch-not-approved", "roll-back",
        "not-approved").doesNotContain("switch-flags", "page-oncall");
    assertThat(flag(NEW_SYSTEM)).isFalse();
    assertThat(flag(COMPARE_MODE)).isFalse();
  }

  @Test
  void aFailingSmokeTestOfTheNewSystemRollsBack() {
    Rollout rollout = compareModeClean(Map.of());
    SERVICE.failHealthChecks();

    driver.decide(rollout.key(), "approve-switch", "go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("switch-flags", "new-system-smoke-failed", "rolled-back")
        .doesNotContain("watch-switch");
    assertThat(flag(NEW_SYSTEM)).isFalse();
  }

  @Test
  void aHealthyRolloutComparesForTwoDaysSwitchesAndIsKeptAtTheReview() {
    Rollout rollout = darkLaunched(Map.of());
    driver.decide(rollout.key(), "approve-compare-mode", "go");
    assertThat(flag(COMPARE_MODE)).isTrue();
    assertThat(flag(NEW_SYSTEM)).isFalse();

    driver.advance(Duration.ofHours(24), Duration.ofHours(12));
    assertThat(reports(rollout, ReportKind.COMPARE_DAILY)).singleElement()
        .satisfies(report -> assertThat(report.summary()).contains("1200 queries, 0 discrepancies, 0 errors"));
    SERVICE.compareStats(2500, 0, 0);
    driver.advance(Duration.ofHours(24), Duration.ofHours(12));

    assertThat(reports(rollout, ReportKind.COMPARE_DAILY)).as(driver.describe(rollout.key())).hasSize(2)
        .last().satisfies(report -> assertThat(report.summary()).contains("2500 queries"));
    assertThat(SERVICE.slackMessages()).filteredOn(message -> message.startsWith("compare mode")).hasSize(2);
    driver.task(rollout.key(), "approve-switch");
    assertThat(driver.variable(rollout.key(), "summary")).asString()
        .startsWith("Compare mode ran its full window without a breach.").contains("Latest report: compare mode");

    driver.decide(rollout.key(), "approve-switch", "go");
    assertThat(flag(NEW_SYSTEM)).isTrue();
    assertThat(flag(COMPARE_MODE)).isFalse();
    watchTheSwitch(rollout);
    driver.advance(Duration.ofDays(7), Duration.ofDays(7));
    driver.decide(rollout.key(), "post-deployment-review", "go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).containsSubsequence("watch-compare-mode", "daily-report", "daily-report",
        "approve-switch", "switch-flags", "smoke-test-new-system", "watch-switch", "hourly-smoke-test",
        "check-after-a-day", "wait-for-review", "check-before-review", "post-deployment-review", "announce-done",
        "rolled-out").doesNotContain("roll-back");
    assertThat(reports(rollout, ReportKind.POST_DEPLOYMENT_CHECK)).as("after the first period, the watch and the week")
        .hasSize(3);
    assertThat(flag(NEW_SYSTEM)).isTrue();
    assertThat(SERVICE.slackMessages()).contains("msia-api 2.0.0 runs on the new system");
    assertThat(SERVICE.requests("POST", "/pagerduty")).isEmpty();
    assertEnded(rollout, RolloutState.SUCCEEDED, null);
    JsonNode stages = view(rollout).stages();
    assertThat(stages).extracting(stage -> stage.path("stage").asText() + " " + stage.path("outcome").asText()
        + " " + stage.path("readings").asInt()).containsExactly("deployed-disabled passed 1", "compare-mode passed 3",
            "new-system passed 3");
    assertThat(stages.get(1).at("/metrics/compareDiscrepancies/limit").asText()).isEqualTo("<= 0");
    assertThat(stages.get(2).at("/metrics/matchAccuracy/value").asDouble()).isEqualTo(0.99);
    assertThat(stages).allSatisfy(stage -> assertThat(stage.path("breach").isNull()).isTrue());
  }

  @Test
  void eachStageKeepsItsOwnGateHistoryWhenALaterStageBreaches() {
    Rollout rollout = switched(Map.of());
    SERVICE.set("errorRate", 0.005);

    driver.advance(Duration.ofHours(6), Duration.ofHours(6));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    JsonNode stages = view(rollout).stages();
    assertThat(stages).extracting(stage -> stage.path("stage").asText() + " " + stage.path("outcome").asText())
        .containsExactly("deployed-disabled passed", "compare-mode passed", "new-system breached");
    assertThat(stages.get(1).path("passedReadings").asInt()).isEqualTo(3);
    assertThat(stages.get(1).path("breach").isNull()).as("compare mode's record is its own").isTrue();
    assertThat(stages.get(2).at("/breach/reason").asText()).isEqualTo("error rate 0.5 % is above the 0.1 % limit");
    assertThat(stages.get(2).path("failedReadings").asInt()).isEqualTo(1);
    assertEnded(rollout, RolloutState.ROLLED_BACK, "error rate 0.5 % is above the 0.1 % limit");
  }

  @Test
  void aNoGoAtThePostDeploymentReviewTurnsTheNewSystemOff() {
    Rollout rollout = switched(Map.of());
    watchTheSwitch(rollout);
    driver.advance(Duration.ofDays(7), Duration.ofDays(7));

    driver.decide(rollout.key(), "post-deployment-review", "no-go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("check-before-review", "keep-new-system", "review-not-approved",
        "roll-back", "not-approved").doesNotContain("announce-done");
    assertThat(flag(NEW_SYSTEM)).isFalse();
    assertThat(flag(COMPARE_MODE)).isFalse();
  }

  @Test
  void aFailingPeriodicSmokeRunInTheSwitchWatchRollsBack() {
    Rollout rollout = switched(Map.of());
    driver.advance(Duration.ofHours(6), Duration.ofHours(6));
    assertThat(driver.path(rollout.key())).contains("hourly-smoke-test", "smoke-run-done");

    SERVICE.failHealthChecks();
    driver.advance(Duration.ofHours(6), Duration.ofHours(6));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("periodic-smoke-failed", "periodic-smoke-broken", "roll-back",
        "rolled-back").doesNotContain("check-after-a-day");
    assertThat(flag(NEW_SYSTEM)).isFalse();
  }

  @Test
  void aFullRedFlagAfterTheSwitchRollsBackTheMigrationsToTheirTagAndKeepsNewRows() {
    TestDatabase database = shopDatabase(POSTGRES);
    var before = database.shop().allRows();
    Rollout rollout = switched(Map.of("database",
        database.section("{tool: liquibase, changelog: liquibase/loyalty-tiers.xml}")));
    assertThat(database.shop().columns("customers")).extracting(column -> column.get("column_name"))
        .contains("loyalty_tier");
    database.shop().execute("INSERT INTO orders (id, customer_id, amount_cents, note) VALUES (50, 2, 700,"
        + " 'ordered after the switch')");

    SERVICE.set("matchRate", 0.5);
    driver.advance(Duration.ofHours(6), Duration.ofHours(6));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    List<String> path = driver.path(rollout.key());
    assertThat(path).containsSubsequence("back-up-database", "deploy-disabled", "run-migrations", "switch-flags",
        "watch-switch", "switch-outcome", "roll-back", "disable-new-system", "revert-version", "rollback-migrations",
        "count-rows-since-backup", "page-oncall", "rolled-back").doesNotContain("restore-database");
    assertThat(driver.variable(rollout.key(), "gate")).extracting("trigger", "action")
        .containsExactly("poor-matching", "full");
    assertThat(SERVICE.lastStepMessage()).contains("Migrations rolled back to tag greenlight-before-"
        + rollout.id() + ". Database left as it was: 1 row written since the backup of ")
        .contains("is kept (customers: 3 at backup, 3 now; orders: 4 at backup, 5 now)");
    assertThat(database.shop().query("SELECT note FROM orders WHERE id = 50")).as("written after the switch")
        .containsExactly(Map.of("note", "ordered after the switch"));
    database.shop().execute("DELETE FROM orders WHERE id = 50");
    assertThat(database.shop().allRows()).as("the migrations' own changes undone").isEqualTo(before);
    assertThat(database.shop().columns("customers")).extracting(column -> column.get("column_name"))
        .doesNotContain("loyalty_tier");
    assertThat(flag(NEW_SYSTEM)).isFalse();
  }

  @Test
  void abortDuringCompareModeRollsBackFullyWithoutPaging() {
    Rollout rollout = darkLaunched(Map.of());
    driver.decide(rollout.key(), "approve-compare-mode", "go");

    driver.publish("abort-rollout", rollout.id(), Map.of("abortReason", "wrong build", "abortedBy", "carol"));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("roll-back-on-abort", "disable-new-system", "revert-version",
        "aborted").doesNotContain("page-oncall");
    assertThat(flag(COMPARE_MODE)).isFalse();
    assertEnded(rollout, RolloutState.ABORTED, "aborted by carol: wrong build");
  }
}
