package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.rollout.RolloutState;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every strategy's test runbook without its {@code notifications} section: each rollback runs to its end, and each
 * message and page it could not send is recorded as not configured.
 */
class NoNotificationsProcessTest extends RunbookProcessTest {

  /** The test runbook without its last section, {@code notifications}. */
  Rollout startWithoutNotifications(String runbook, Map<String, String> values) {
    String yaml = runbookYaml(runbook, values);
    int notifications = yaml.indexOf("\nnotifications:");
    assertThat(notifications).as("the test runbook's notifications section").isPositive();
    return startYaml(yaml.substring(0, notifications + 1));
  }

  /** A release whose commands deploy and revert at once and that has no scale command (its scaling is recorded). */
  static final String RELEASE = "{provider: command, deadline: PT1M, command: {deploy: [/bin/true], revert: [/bin/true],"
      + " currentVersion: [/bin/echo, '1.0.0']}}";

  @Test
  void aCanaryBreachRollsBack() {
    Rollout rollout = startWithoutNotifications("canary", Map.of("deploy", "[/bin/true]", "deadline", "PT1M",
        "onInconclusive", "count-as-error", "database", NO_DATABASE));
    SERVICE.set("errorRate", 0.02);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    assertRolledBackUntold(rollout, RolloutState.ROLLED_BACK);
  }

  @Test
  void aBlueGreenFailingCheckRollsBack() {
    Rollout rollout = startWithoutNotifications("blue-green",
        Map.of("deploy", "[/bin/true]", "deadline", "PT1M", "database", NO_DATABASE));
    SERVICE.failHealthChecks();
    driver.task(rollout.key(), "sign-off");
    for (UserTaskRecordValue task : driver.tasks(rollout.key(), "sign-off")) {
      driver.decide(task, "go", task.getCandidateGroupsList().get(0) + "-person");
    }

    assertRolledBackUntold(rollout, RolloutState.ROLLED_BACK);
  }

  @Test
  void aFeatureFlagBreachRollsBack() {
    Rollout rollout = startWithoutNotifications("feature-flag",
        Map.of("database", NO_DATABASE, "deploy", "[/bin/true]", "deadline", "PT1M", "compareOnBreach", "rollback"));
    driver.decide(rollout.key(), "confirm-checklist", "go");
    SERVICE.set("errorRate", 0.002);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    assertRolledBackUntold(rollout, RolloutState.ROLLED_BACK);
  }

  @Test
  void aStagedFlagsPartialTriggerRollsBackPartially() {
    Rollout rollout = startWithoutNotifications("staged-flags", Map.of("database", NO_DATABASE, "release", RELEASE));
    SERVICE.set("queueDepth", 900);
    driver.advance(Duration.ofHours(12), Duration.ofHours(12));

    assertRolledBackUntold(rollout, RolloutState.PARTIALLY_ROLLED_BACK);
  }

  @Test
  void aStagedFlagsAbortRollsBack() {
    Rollout rollout = startWithoutNotifications("staged-flags", Map.of("database", NO_DATABASE, "release", RELEASE));
    driver.advance(Duration.ofHours(12), Duration.ofHours(12));
    Map<String, Object> abort = new HashMap<>(Map.of("abortReason", "queue cost", "abortedBy", "carol"));
    driver.publish("abort-rollout", rollout.id(), abort);

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("roll-back-on-abort", "disable-new-system", "stop-workers",
        "revert-version", "announce-rollback", "aborted");
    assertThat(view(rollout).state()).isEqualTo(RolloutState.ABORTED);
    assertThat(SERVICE.slackMessages()).isEmpty();
  }

  private void assertRolledBackUntold(Rollout rollout, RolloutState state) {
    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("announce-rollback", "page-oncall");
    assertThat(view(rollout).state()).isEqualTo(state);
    assertThat(driver.values(rollout.key(), "slackError")).as("every Slack message of the rollout").isNotEmpty()
        .allSatisfy(error -> assertThat(error).asString().startsWith("not configured"));
    assertThat(driver.values(rollout.key(), "page")).as("the on-call page").isNotEmpty()
        .allSatisfy(page -> assertThat(page).extracting("status").asString().startsWith("not configured"));
    assertThat(SERVICE.requests("POST", "/slack")).isEmpty();
    assertThat(SERVICE.requests("POST", "/pagerduty")).isEmpty();
  }
}
