package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.rollout.RolloutState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Seed 003 on the embedded engine with the real workers: every way a canary rollout can end. */
@ExtendWith(OutputCaptureExtension.class)
class CanaryRolloutProcessTest extends RunbookProcessTest {

  static final Map<String, String> DEFAULTS = Map.of(
      "deploy", "[/bin/true]", "deadline", "PT1M", "onInconclusive", "count-as-error", "database", NO_DATABASE);

  /** The canary runbook's values with this deploy command. */
  static Map<String, String> withDeploy(String deploy) {
    Map<String, String> values = new java.util.HashMap<>(DEFAULTS);
    values.put("deploy", deploy);
    return values;
  }

  Rollout start() {
    return start(DEFAULTS);
  }

  Rollout start(Map<String, String> overrides) {
    Map<String, String> values = new java.util.HashMap<>(DEFAULTS);
    values.putAll(overrides);
    return start("canary", values);
  }

  @Test
  void healthyReleaseAdvancesThroughEveryStageAndEndsRolledOut() {
    Rollout rollout = start();
    assertThat(SERVICE.canaryWeight()).isEqualTo(1);

    driver.advance(Duration.ofHours(2), Duration.ofMinutes(30));
    assertThat(SERVICE.canaryWeight()).isEqualTo(10);
    driver.advance(Duration.ofHours(4), Duration.ofMinutes(30));
    assertThat(SERVICE.canaryWeight()).isEqualTo(100);
    driver.advance(Duration.ofHours(4), Duration.ofMinutes(30));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("load-runbook", "deploy-canary", "smoke-test-canary",
        "stage-passed", "announce-success", "rolled-out").doesNotContain("roll-back");
    assertThat(SERVICE.requests("POST", "/slack/api/chat.postMessage")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(SERVICE.requests("POST", "/pagerduty")).isEmpty();
    assertEnded(rollout, RolloutState.SUCCEEDED, null);
  }

  @Test
  void breachDuringTheRampRollsBackTrafficAndPagesTheOnCall() {
    Rollout rollout = start();
    driver.advance(Duration.ofHours(2), Duration.ofMinutes(30));
    assertThat(SERVICE.canaryWeight()).isEqualTo(10);

    SERVICE.set("errorRate", 0.02);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(SERVICE.canaryWeight()).isZero();
    assertThat(driver.path(rollout.key())).contains("stage-breached", "return-traffic", "revert-version",
        "announce-rollback", "page-oncall", "rolled-back");
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).singleElement()
        .satisfies(page -> assertThat(page.body()).contains("\"event_action\":\"trigger\"",
            "error rate 2 % is above the 0.5 % limit"));
    assertEnded(rollout, RolloutState.ROLLED_BACK, "error rate 2 % is above the 0.5 % limit");
  }

  @Test
  void whatHappensIsOneLineInTheLogPerEvent(CapturedOutput output) {
    Rollout rollout = start();
    driver.advance(Duration.ofHours(2), Duration.ofMinutes(30));
    SERVICE.set("errorRate", 0.02);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    String id = rollout.id();
    assertThat(output.getOut().lines().filter(line -> line.contains(id)).map(line -> line.replaceAll(".* : ", "")))
        .containsSubsequence(
            "Rollout " + id + ": traffic shifted to 1 % on the new version; the router reads back stable 99 %, new"
                + " version 1 %",
            "Rollout " + id + ": stage canary started at weight 1 %: watched for PT2H, first reading after PT30M, then"
                + " every PT30M; 3 valid readings needed",
            "Rollout " + id + ": stage canary reading: pass — error rate 0.05 %, latency p99 50 ms; 1 valid reading"
                + " (3 required)",
            "Rollout " + id + ": stage canary passed with 3 valid readings",
            "Rollout " + id + ": traffic shifted to 10 % on the new version; the router reads back stable 90 %, new"
                + " version 10 %",
            "Rollout " + id + ": stage ramp reading: fail — error rate 2 % is above the 0.5 % limit, latency p99 50 ms;"
                + " 1 valid reading (3 required)",
            "Rollout " + id + ": stage ramp breached: error rate 2 % is above the 0.5 % limit",
            "Rollout " + id + ": stage ramp ended, breached: error rate 2 % is above the 0.5 % limit",
            "Rollout " + id + ": rollback step: traffic returned to stable; the router reads back stable 100 %, new"
                + " version 0 %",
            // the test runbook's currentVersion always answers 1.0.0, so the revert finds it live and runs nothing
            "Rollout " + id + ": rollback step: 1.0.0 is already live; not reverted again");
    assertThat(output.getOut().lines().filter(line -> line.contains(id) && line.contains("stage canary started")))
        .hasSize(1);
  }

  @Test
  void breachInTheFullRolloutAsksAPersonWhoKeepsTheRelease() {
    Rollout rollout = start();
    driver.advance(Duration.ofHours(6), Duration.ofMinutes(30));
    assertThat(SERVICE.canaryWeight()).isEqualTo(100);

    SERVICE.set("errorRate", 0.002);
    driver.advance(Duration.ofMinutes(90), Duration.ofMinutes(30));
    driver.decide(rollout.key(), "investigate-breach", "go");
    SERVICE.healthy();
    driver.advance(Duration.ofHours(4), Duration.ofMinutes(30));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("investigate-breach", "keep-release", "rolled-out")
        .doesNotContain("roll-back");
    assertThat(SERVICE.canaryWeight()).isEqualTo(100);
  }

  @Test
  void breachInTheFullRolloutRejectedByAPersonRollsBack() {
    Rollout rollout = start();
    driver.advance(Duration.ofHours(6), Duration.ofMinutes(30));
    SERVICE.set("errorRate", 0.002);
    driver.advance(Duration.ofMinutes(90), Duration.ofMinutes(30));
    assertThat(driver.path(rollout.key())).doesNotContain("roll-back");

    driver.decide(rollout.key(), "investigate-breach", "no-go");

    assertThat(driver.path(rollout.key())).contains("release-rejected", "return-traffic", "rolled-back");
    assertThat(SERVICE.canaryWeight()).isZero();
  }

  @Test
  void failingSmokeTestsRollBackBeforeAnyTrafficMoves() {
    SERVICE.failHealthChecks();
    Rollout rollout = start();

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("smoke-failed", "return-traffic", "rolled-back")
        .doesNotContain("shift-to-stage-weight");
    assertThat(SERVICE.canaryWeight()).isZero();
    assertEnded(rollout, RolloutState.ROLLED_BACK, "1 of 1 smoke checks failed: health (GET " + SERVICE.uri("/health")
        + "): expected status 200, got 503");
  }

  @Test
  void aDeployThatMissesItsDeadlineRollsBack() {
    Rollout rollout = start(Map.of("deploy", "[/bin/sleep, '5']", "deadline", "PT1S"));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("deploy-failed", "rolled-back")
        .doesNotContain("smoke-test-canary");
  }

  @Test
  void abortRollsBackFromTheMiddleOfAStage() {
    Rollout rollout = start();
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    driver.publish("abort-rollout", rollout.id(), Map.of("abortReason", "wrong build", "abortedBy", "carol"));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("roll-back-on-abort", "aborted").doesNotContain("rolled-out");
    assertThat(SERVICE.canaryWeight()).isZero();
    assertEnded(rollout, RolloutState.ABORTED, "aborted by carol: wrong build");
  }

  @Test
  void aTrafficShiftTheRouterDoesNotApplyUndoesTheReleaseAndEndsFailed() {
    SERVICE.ignoreNextChange();
    Rollout rollout = start();

    assertThat(driver.path(rollout.key())).contains("change-not-applied", "undo-release", "return-traffic",
        "revert-version", "change-failed").doesNotContain("watch-stage");
    assertThat(SERVICE.canaryWeight()).isZero();
    assertEnded(rollout, RolloutState.FAILED, "Traffic shift not applied by the HTTP router: it reads stable 100% /"
        + " canary 0%, expected stable 99% / canary 1%");
    assertThat(SERVICE.slackMessages()).anyMatch(text -> text.startsWith("Rolled back checkout 2.0.0: Traffic shift"
        + " not applied"));
  }

  @Test
  void anAlertForTheRolloutInterruptsTheStageAtOnce() {
    Rollout rollout = start();

    driver.publish("stage-alert", rollout.id(), Map.of("alert", Map.of("name", "HighErrorRate", "summary", "5xx up")));

    assertThat(driver.path(rollout.key())).contains("stage-alerted", "stage-breached", "rolled-back");
    assertThat(SERVICE.requests("POST", "/slack/api/chat.postMessage").getLast().body()).contains("HighErrorRate");
  }

  @Test
  void inconclusiveMeasurementsAskAPersonWhenTheStageSaysSo() {
    Rollout rollout = start(Map.of("onInconclusive", "ask"));
    SERVICE.set("errorRate", "not a number");
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));
    driver.decide(rollout.key(), "decide-inconclusive", "go");
    SERVICE.healthy();
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));
    SERVICE.set("errorRate", "not a number");
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    driver.decide(rollout.key(), "decide-inconclusive", "no-go");

    assertThat(driver.path(rollout.key())).contains("keep-watching", "stopped-by-decision", "rolled-back");
  }

  @Test
  void theFirstReadingOfAStageWaitsItsInitialDelayAfterTheTrafficChange() {
    Rollout rollout = start();
    assertThat(SERVICE.canaryWeight()).isEqualTo(1);
    assertThat(driver.path(rollout.key())).contains("wait-for-first-check").doesNotContain("measure-gate");
    assertThat(SERVICE.requests("GET", "/stats")).as("each query once, before the start").hasSize(2);

    driver.advance(Duration.ofMinutes(29), Duration.ofMinutes(29));
    assertThat(SERVICE.requests("GET", "/stats")).hasSize(2);
    driver.advance(Duration.ofMinutes(1), Duration.ofMinutes(1));

    assertThat(SERVICE.requests("GET", "/stats")).hasSize(4);
    assertThat(driver.path(rollout.key()).stream().filter("measure-gate"::equals)).hasSize(1);
  }

  @Test
  void aStageThatAsksAndEndsWithoutEnoughValidReadingsIsWatchedAgainWhenAPersonSaysSo() {
    Rollout rollout = endTheCanaryStageWithTwoValidReadings();

    driver.decide(rollout.key(), "decide-without-evidence", "go");
    driver.advance(Duration.ofHours(2), Duration.ofMinutes(30));

    assertThat(driver.path(rollout.key())).contains("watch-again", "stage-passed").doesNotContain("roll-back");
    assertThat(SERVICE.canaryWeight()).isEqualTo(10);
  }

  @Test
  void aStageThatAsksAndEndsWithoutEnoughValidReadingsRollsBackWhenAPersonSaysNo() {
    Rollout rollout = endTheCanaryStageWithTwoValidReadings();

    driver.decide(rollout.key(), "decide-without-evidence", "no-go");

    assertThat(driver.path(rollout.key())).contains("watch-again", "stage-breached", "rolled-back")
        .doesNotContain("stage-passed");
    assertThat(SERVICE.canaryWeight()).isZero();
    assertThat(SERVICE.slackMessages()).anySatisfy(message -> assertThat(message)
        .startsWith("Rolled back checkout 2.0.0: stage canary ended with 2 valid readings of the 3 required"));
    assertEnded(rollout, RolloutState.ROLLED_BACK, "stage canary ended with 2 valid readings of the 3 required");
  }

  /** A stage that asks: its first reading has no number and a person keeps watching; two valid ones follow. */
  private Rollout endTheCanaryStageWithTwoValidReadings() {
    Rollout rollout = start(Map.of("onInconclusive", "ask"));
    SERVICE.set("errorRate", "not a number");
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));
    driver.decide(rollout.key(), "decide-inconclusive", "go");
    SERVICE.healthy();
    driver.advance(Duration.ofMinutes(90), Duration.ofMinutes(30));

    var task = driver.task(rollout.key(), "decide-without-evidence");
    assertThat(task.getCandidateGroupsList()).containsExactly("release-managers");
    assertThat(driver.path(rollout.key())).doesNotContain("stage-passed");
    assertThat(SERVICE.canaryWeight()).isEqualTo(1);
    return rollout;
  }
}
