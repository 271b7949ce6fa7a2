package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.inbox.DecisionDesk;
import dev.greenlight.inbox.DecisionOutcome;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every decision in a rollout's record says where it came from: Greenlight's inbox writes who, how and the runbook's
 * digest; a decision made in Tasklist carries only its form's answer, and the process marks it as Tasklist's.
 */
class DecisionAttributionProcessTest extends RunbookProcessTest {

  @Autowired DecisionDesk desk;

  @Test
  void tasklistsDecisionsAreMarkedAndTheInboxsCarryWhoHowAndTheRunbook() {
    Rollout rollout = start("feature-flag", Map.of("database", NO_DATABASE, "deploy", "[/bin/true]",
        "deadline", "PT1M", "compareOnBreach", "rollback"));
    userTasks.complete(driver.task(rollout.key(), "confirm-checklist").getUserTaskKey(),
        Map.of("decision", Map.of("outcome", "go", "comment", "checked in Tasklist")));
    driver.settle();
    driver.advance(Duration.ofHours(1), Duration.ofMinutes(30));

    desk.decide(new Caller("oscar", Set.of("msia-oncall")), Channel.CLI,
        driver.task(rollout.key(), "approve-compare-mode").getUserTaskKey(), DecisionOutcome.GO, "compare away",
        Map.of());
    driver.settle();

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> decisions = (List<Map<String, Object>>) driver.variable(rollout.key(), "decisions");
    assertThat(decisions).hasSize(2);
    assertThat(decisions.get(0)).containsEntry("outcome", "go").containsEntry("via", "tasklist")
        .doesNotContainKey("decidedBy");
    assertThat(decisions.get(1)).containsEntry("decidedBy", "oscar").containsEntry("via", "cli")
        .containsEntry("runbookSha256", driver.variable(rollout.key(), "runbookSha256"));
  }
}
