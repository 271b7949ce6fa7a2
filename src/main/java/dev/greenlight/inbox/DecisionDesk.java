package dev.greenlight.inbox;

import dev.greenlight.metrics.GreenlightMetrics;
import java.time.Duration;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.security.ActionLog;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import dev.greenlight.security.TaskAuthorization;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Where people decide: lists the tasks a caller may decide and records their decisions.
 *
 * <p>A task is completed at most once. Concurrent decisions on the same task in this process are stopped by a claim
 * held while the engine confirms; anything that slips past (another Greenlight instance, a stale read) is stopped by
 * the engine, which rejects completing a task that is no longer open.
 */
@Service
public class DecisionDesk {

  private final ApprovalsInbox inbox;
  private final TaskAuthorization authorization;
  private final Clock clock;
  private final GreenlightMetrics metrics;
  private final ActionLog actions;
  private final Map<Long, String> claims = new ConcurrentHashMap<>();

  public DecisionDesk(ApprovalsInbox inbox, TaskAuthorization authorization, ObjectProvider<Clock> clock,
      GreenlightMetrics metrics, ActionLog actions) {
    this.inbox = inbox;
    this.authorization = authorization;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.metrics = metrics;
    this.actions = actions;
  }

  /** The open tasks the caller may decide, oldest first. */
  public List<ApprovalTask> decidableBy(Caller caller) {
    return inbox.openTasks().stream()
        .filter(task -> authorization.refusal(
            caller, task.describe(), task.candidateGroups(), task.startedBy(), task.rolloutId()).isEmpty())
        .toList();
  }

  /**
   * Records the caller's decision by completing the task with the {@value RolloutVariables#DECISION} variable, and logs
   * it as an action on the rollout.
   *
   * @throws TaskNotFoundException when there is no such task
   * @throws TaskAlreadyDecidedException when it was decided already or is being decided right now
   * @throws TaskAuthorization.DecisionForbiddenException when the caller may not decide it
   */
  public Decision decide(
      Caller caller, Channel via, long key, DecisionOutcome outcome, String comment, Map<String, Object> fields) {
    ApprovalTask task = inbox.task(key).orElseThrow(() -> new TaskNotFoundException(key));
    if (!task.open()) {
      throw new TaskAlreadyDecidedException("task " + task.describe() + " is no longer open: it was decided or cancelled");
    }
    String role = authorization.actingRole(
        caller, task.describe(), task.candidateGroups(), task.startedBy(), task.rolloutId());
    String holder = claims.putIfAbsent(key, caller.name());
    if (holder != null) {
      throw new TaskAlreadyDecidedException("task " + task.describe() + " is being decided by " + holder + " right now");
    }
    try {
      Decision decision = new Decision(outcome, caller.name(), clock.instant(), comment, fields, task.name(), role, via,
          task.runbookSha256());
      inbox.complete(key, Map.of(RolloutVariables.DECISION, decision.toVariable()));
      metrics.decisionAnswered(Duration.between(task.createdAt(), decision.decidedAt()));
      actions.record(task.rolloutId(), "decided " + outcome.word() + " on " + task.describe() + " as " + role,
          caller.name(), via, task.runbookSha256(), comment);
      return decision;
    } finally {
      claims.remove(key);
    }
  }
}
