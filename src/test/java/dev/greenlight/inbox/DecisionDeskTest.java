package dev.greenlight.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.metrics.GreenlightMetrics;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.security.ActionLog;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import dev.greenlight.security.GreenlightSecurityProperties;
import dev.greenlight.security.TaskAuthorization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The decision rules without an engine: what is written, and the in-process guard against a double decision. */
class DecisionDeskTest {

  static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
  static final ApprovalTask SECURITY_SIGNOFF = new ApprovalTask(7, "Security sign-off", "security-signoff", 3,
      List.of("security-lead", "release-managers"), "signoff", NOW.minusSeconds(60), "checkout-1", "dave", "9f2c",
      true);

  final RecordingInbox inbox = new RecordingInbox();
  final DecisionDesk desk = desk(true);

  @Test
  void writesTheDecisionVariableWithTheRoleTheDeciderActedAs() {
    Caller bob = new Caller("bob", Set.of("release-managers", "operators"));

    Decision decision =
        desk.decide(bob, Channel.CLI, 7, DecisionOutcome.NO_GO, "CVE open", Map.of("cve", "CVE-2026-1"));

    assertThat(inbox.completions).containsExactly(Map.of(RolloutVariables.DECISION, Map.of(
        "outcome", "no-go", "decidedBy", "bob", "decidedAt", "2026-11-23T10:15:30Z", "comment", "CVE open",
        "fields", Map.of("cve", "CVE-2026-1"), "task", "Security sign-off", "role", "release-managers",
        "via", "cli", "runbookSha256", "9f2c")));
    assertThat(decision.toVariable()).isEqualTo(inbox.completions.get(0).get(RolloutVariables.DECISION));
  }

  @Test
  void listsOnlyWhatTheCallerMayDecide() {
    assertThat(desk.decidableBy(new Caller("bob", Set.of("security-lead")))).containsExactly(SECURITY_SIGNOFF);
    assertThat(desk.decidableBy(new Caller("alice", Set.of("operators")))).isEmpty();
    assertThat(desk.decidableBy(new Caller("dave", Set.of("security-lead")))).isEmpty();
    assertThat(desk(false).decidableBy(new Caller("dave", Set.of("security-lead")))).containsExactly(SECURITY_SIGNOFF);
  }

  @Test
  void aDecisionWhileAnotherIsBeingConfirmedIsRefused() throws Exception {
    inbox.confirming = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    inbox.release = release;
    Caller bob = new Caller("bob", Set.of("security-lead"));
    Caller erin = new Caller("erin", Set.of("security-lead"));

    CompletableFuture<Decision> first =
        CompletableFuture.supplyAsync(() -> desk.decide(bob, Channel.API, 7, DecisionOutcome.GO, null, null));
    assertThat(inbox.confirming.await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> desk.decide(erin, Channel.API, 7, DecisionOutcome.GO, null, null))
        .isInstanceOf(TaskAlreadyDecidedException.class)
        .hasMessage("task 'Security sign-off' (7) is being decided by bob right now");
    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).decidedBy()).isEqualTo("bob");
    assertThat(inbox.completions).hasSize(1);
  }

  @Test
  void aTaskThatIsNotOpenIsAlreadyDecided() {
    inbox.task = new ApprovalTask(7, "Security sign-off", "security-signoff", 3, List.of("security-lead"), null,
        NOW, "checkout-1", "dave", "9f2c", false);

    Caller bob = new Caller("bob", Set.of("security-lead"));
    assertThatThrownBy(() -> desk.decide(bob, Channel.API, 7, DecisionOutcome.GO, null, null))
        .isInstanceOf(TaskAlreadyDecidedException.class)
        .hasMessage("task 'Security sign-off' (7) is no longer open: it was decided or cancelled");
    assertThatThrownBy(() -> desk.decide(bob, Channel.API, 8, DecisionOutcome.GO, null, null))
        .isInstanceOf(TaskNotFoundException.class);
    assertThat(inbox.completions).isEmpty();
  }

  @Test
  void aSecondSignOffByOnePersonIsRefusedEvenBeforeTheEngineShowsTheFirst() {
    Caller dave = new Caller("dave", Set.of("security-lead", "release-managers"));
    inbox.task = signoff(7, "security-lead", true);
    desk.decide(dave, Channel.API, 7, DecisionOutcome.GO, null, null);
    inbox.task = signoff(8, "release-managers", true);

    assertThat(desk.decidableBy(dave)).isEmpty();
    assertThatThrownBy(() -> desk.decide(dave, Channel.CLI, 8, DecisionOutcome.GO, null, null))
        .isInstanceOf(TaskAuthorization.DecisionForbiddenException.class)
        .hasMessage("task 'Sign off the release' (8) is a sign-off of rollout checkout-1, and you signed it off as"
            + " security-lead already; each role needs a different person (the runbook's approvals.distinctSigners),"
            + " so someone else holding one of [release-managers] must sign this one");
    assertThat(inbox.completions).hasSize(1);
  }

  @Test
  void withoutDistinctSignersOnePersonSignsSeveralRoles() {
    Caller bob = new Caller("bob", Set.of("security-lead", "release-managers"));
    inbox.task = signoff(7, "security-lead", false);
    desk.decide(bob, Channel.API, 7, DecisionOutcome.GO, null, null);
    inbox.task = new ApprovalTask(8, "Sign off the release", "sign-off", 3, List.of("release-managers"), "go-no-go",
        NOW, "checkout-1", "alice", "9f2c", true, new GivenSignoffs(false, Map.of("bob", "security-lead")));

    desk.decide(bob, Channel.API, 8, DecisionOutcome.GO, null, null);
    assertThat(inbox.completions).hasSize(2);
  }

  /** A sign-off task of instance 3; the engine shows no sign-off given yet. */
  private static ApprovalTask signoff(long key, String role, boolean distinctSigners) {
    return new ApprovalTask(key, "Sign off the release", "sign-off", 3, List.of(role), "go-no-go", NOW, "checkout-1",
        "alice", "9f2c", true, new GivenSignoffs(distinctSigners, Map.of()));
  }

  private DecisionDesk desk(boolean fourEyes) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    TaskAuthorization authorization = new TaskAuthorization(
        new GreenlightSecurityProperties(null, null, fourEyes, null, null, null, false));
    return new DecisionDesk(inbox, authorization, clock, new GreenlightMetrics(new SimpleMeterRegistry(), clock),
        new ActionLog());
  }

  /** Holds one task and records completions; can hold a completion back to stand for a slow engine. */
  static final class RecordingInbox implements ApprovalsInbox {
    ApprovalTask task = SECURITY_SIGNOFF;
    final List<Map<String, Object>> completions = new CopyOnWriteArrayList<>();
    CountDownLatch confirming;
    CountDownLatch release;

    @Override
    public List<ApprovalTask> openTasks() {
      return List.of(task);
    }

    @Override
    public Optional<ApprovalTask> task(long key) {
      return key == task.key() ? Optional.of(task) : Optional.empty();
    }

    @Override
    public void complete(long key, Map<String, Object> variables) {
      completions.add(variables);
      if (confirming != null) {
        confirming.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
