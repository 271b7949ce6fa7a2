package dev.greenlight.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.engine.EmbeddedUserTasks;
import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.InboxTestRollouts;
import dev.greenlight.support.InboxTestRollouts.Started;
import dev.greenlight.support.LocalEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded backend against the in-memory engine itself, without authorization in front of it. */
class EmbeddedApprovalsInboxTest {

  static LocalEngine engine;
  static EmbeddedApprovalsInbox inbox;
  static InboxTestRollouts rollouts;

  @BeforeAll
  static void startEngine() {
    engine = LocalEngine.start();
    inbox = new EmbeddedApprovalsInbox(new EmbeddedRecordFeed(engine.engine(), null),
        new EmbeddedUserTasks(engine.engine()));
    rollouts = new InboxTestRollouts(engine.client());
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  @Test
  void readsOpenTasksWithTheirNameFormAndRollout() {
    Instant before = Instant.now().minusSeconds(1);
    Started rollout = rollouts.start("dave", List.of("security-lead", "operators"));

    List<ApprovalTask> tasks = await().atMost(Duration.ofSeconds(10))
        .until(() -> tasksOf(rollout), open -> open.size() == 2);

    assertThat(tasks).extracting(ApprovalTask::candidateGroups)
        .containsExactlyInAnyOrder(List.of("security-lead"), List.of("operators"));
    assertThat(tasks).allSatisfy(task -> {
      assertThat(task.name()).isEqualTo("Sign off the release");
      assertThat(task.elementId()).isEqualTo("sign-off");
      assertThat(task.formId()).isEqualTo("inbox-test-decision");
      assertThat(task.rolloutId()).isEqualTo(rollout.rolloutId());
      assertThat(task.startedBy()).isEqualTo("dave");
      assertThat(task.createdAt()).isAfter(before);
      assertThat(task.open()).isTrue();
    });
  }

  @Test
  void completionWaitsForTheEngineAndTheEngineRefusesASecondOne() {
    Started rollout = rollouts.start("dave", List.of("operators"));
    ApprovalTask task = await().atMost(Duration.ofSeconds(10))
        .until(() -> tasksOf(rollout), open -> open.size() == 1).get(0);

    inbox.complete(task.key(), Map.of("decision", Map.of("outcome", "go")));

    assertThat(inbox.task(task.key())).hasValueSatisfying(done -> assertThat(done.open()).isFalse());
    assertThat(tasksOf(rollout)).extracting(ApprovalTask::key).doesNotContain(task.key());
    assertThat(new EngineRecords(engine.engine()).completedElements(rollout.processInstanceKey())).contains("sign-off");
    assertThatThrownBy(() -> inbox.complete(task.key(), Map.of("decision", Map.of("outcome", "no-go"))))
        .as("the engine's own guard, without the in-process claim in front of it")
        .isInstanceOf(TaskAlreadyDecidedException.class)
        .hasMessageContaining("task " + task.key() + " is no longer open (the engine says:");
  }

  @Test
  void anUnknownKeyIsNoTask() {
    assertThat(inbox.task(123)).isEmpty();
  }

  private static List<ApprovalTask> tasksOf(Started rollout) {
    return inbox.openTasks().stream().filter(t -> t.processInstanceKey() == rollout.processInstanceKey()).toList();
  }
}
