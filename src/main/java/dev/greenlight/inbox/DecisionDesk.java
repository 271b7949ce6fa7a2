package dev.greenlight.inbox;

import dev.greenlight.metrics.GreenlightMetrics;
import java.time.Duration;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.security.ActionLog;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import dev.greenlight.security.TaskAuthorization;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Where people decide: lists the tasks a caller may decide and records their decisions.
 *
 * <p>A task is completed at most once. Concurrent decisions on the same task in this process are stopped by a claim
 * held while the engine confirms; anything that slips past (another Greenlight instance, a stale read) is stopped by
 * the engine, which rejects completing a task that is no longer open. In the same way one person signs off two roles
 * of a release neither at once (a claim on the person and the sign-offs instance) nor one after the other before the
 * engine's variables show the first (the sign-offs given here are remembered).
 */
@Service
public class DecisionDesk {

  private static final int REMEMBERED_SIGNOFF_INSTANCES = 1_000;

  private final ApprovalsInbox inbox;
  private final TaskAuthorization authorization;
  private final Clock clock;
  private final GreenlightMetrics metrics;
  private final ActionLog actions;
  private final Map<Long, String> claims = new ConcurrentHashMap<>();
  private final Set<String> signerClaims = ConcurrentHashMap.newKeySet();
  /** Sign-offs given here, by process instance; the latest instances only, enough to bridge the engine's lag. */
  private final Map<Long, Map<String, String>> signedHere = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<String, String>> eldest) {
          return size() > REMEMBERED_SIGNOFF_INSTANCES;
        }
      });

  public DecisionDesk(ApprovalsInbox inbox, TaskAuthorization authorization, Clock clock,
      GreenlightMetrics metrics, ActionLog actions) {
    this.inbox = inbox;
    this.authorization = authorization;
    this.clock = clock;
    this.metrics = metrics;
    this.actions = actions;
  }

  /** The open tasks the caller may decide, oldest first. */
  public List<ApprovalTask> decidableBy(Caller caller) {
    return inbox.openTasks().stream()
        .filter(task -> authorization.refusal(caller, task.describe(), task.candidateGroups(), task.startedBy(),
            task.rolloutId(), roleSignedAlready(caller, task)).isEmpty())
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
    String signer = task.givenSignoffs().distinctSigners() ? task.processInstanceKey() + "/" + caller.name() : null;
    if (signer != null && !signerClaims.add(signer)) {
      throw new TaskAlreadyDecidedException("you are signing off another role of rollout " + task.rolloutId()
          + " right now; each role needs a different person");
    }
    try {
      String role = authorization.actingRole(caller, task.describe(), task.candidateGroups(), task.startedBy(),
          task.rolloutId(), roleSignedAlready(caller, task));
      Decision decision = complete(caller, via, task, role, outcome, comment, fields);
      if (signer != null) {
        signedHere.computeIfAbsent(task.processInstanceKey(), instance -> new ConcurrentHashMap<>())
            .putIfAbsent(caller.name(), role);
      }
      return decision;
    } finally {
      if (signer != null) {
        signerClaims.remove(signer);
      }
    }
  }

  private Decision complete(Caller caller, Channel via, ApprovalTask task, String role, DecisionOutcome outcome,
      String comment, Map<String, Object> fields) {
    long key = task.key();
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

  /** The role the caller signed off already in the task's sign-offs, when each needs a different person; else null. */
  private String roleSignedAlready(Caller caller, ApprovalTask task) {
    GivenSignoffs given = task.givenSignoffs();
    String signedHereAs = signedHere.getOrDefault(task.processInstanceKey(), Map.of()).get(caller.name());
    if (signedHereAs != null) {
      given = given.with(caller.name(), signedHereAs);
    }
    return given.forbiddenFor(caller.name()).orElse(null);
  }
}
