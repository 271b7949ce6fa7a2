package dev.greenlight.inbox;

import dev.greenlight.metrics.GreenlightMetrics;
import java.time.Duration;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.security.Caller;
import dev.greenlight.security.TaskAuthorization;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(DecisionDesk.class);

  private final ApprovalsInbox inbox;
  private final TaskAuthorization authorization;
  private final Clock clock;
  private final GreenlightMetrics metrics;
  private final Map<Long, String> claims = new ConcurrentHashMap<>();

  public DecisionDesk(ApprovalsInbox inbox, TaskAuthorization authorization, ObjectProvider<Clock> clock,
      GreenlightMetrics metrics) {
    this.inbox = inbox;
    this.authorization = authorization;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.metrics = metrics;
  }

  /** The open tasks the caller may decide, oldest first. */
  public List<ApprovalTask> decidableBy(Caller caller) {
    return inbox.openTasks().stream()
        .filter(task -> authorization.refusal(
            caller, task.describe(), task.candidateGroups(), task.startedBy(), task.rolloutId()).isEmpty())
        .toList();
  }

  /**
   * Records the caller's decision by completing the task with the {@value RolloutVariables#DECISION} variable.
   *
   * @throws TaskNotFoundException when there is no such task
   * @throws TaskAlreadyDecidedException when it was decided already or is being decided right now
   * @throws TaskAuthorization.DecisionForbiddenException when the caller may not decide it
   */
  public Decision decide(Caller caller, long key, DecisionOutcome outcome, String comment, Map<String, Object> fields) {
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
      Decision decision = new Decision(outcome, caller.name(), clock.instant(), comment, fields, task.name(), role);
      inbox.complete(key, Map.of(RolloutVariables.DECISION, decision.toVariable()));
      metrics.decisionAnswered(Duration.between(task.createdAt(), decision.decidedAt()));
      log.info("Rollout {}: {} answered {} to '{}' as {}{}", task.rolloutId(), caller.name(), outcome.word(),
          task.name(), role, comment == null || comment.isBlank() ? "" : ": " + comment);
      return decision;
    } finally {
      claims.remove(key);
    }
  }
}
