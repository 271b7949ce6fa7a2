package dev.greenlight.api.rollouts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.incidents.ServiceIncident;
import dev.greenlight.rollout.RolloutState;
import java.time.Instant;
import java.util.List;

/**
 * A rollout as people follow it.
 *
 * @param rolloutId e.g. checkout-20261123-7f3a
 * @param processId the BPMN process running it
 * @param processInstanceKey its process instance
 * @param strategy the strategy's spec name
 * @param runbook the registered runbook it was started from, null for an inline spec
 * @param service the service, known once the runbook is loaded
 * @param version the version being rolled out
 * @param ticket the change ticket
 * @param startedBy who started it
 * @param startedAt when
 * @param state where it stands
 * @param reason why it is in that state (see {@link dev.greenlight.rollout.RolloutOutcome}); null while active or once
 *     it succeeded
 * @param endedAt when its process ended; null while it runs
 * @param current names of the elements active now (phase, stage, task), as Operate shows them
 * @param stage name of the stage being watched, if any
 * @param gate the latest gate reading (the {@code gate} variable, also while a monitoring window measures it)
 * @param stages every stage watched to its end so far, oldest first, each with its own readings, verdicts, last
 *     reading and breach ({@link dev.greenlight.gates.StageRecord}); empty before the first stage ends
 * @param pendingDecisions user tasks waiting for a person, in the rollout and the processes it called (a sign-off, a
 *     restore decision in its rollback)
 * @param decisions the decisions recorded so far (the {@code decisions} variable, the latest any process of the
 *     rollout wrote), including those given in a called process that was cancelled, e.g. sign-offs before an abort
 * @param incidents the open incidents anywhere in the rollout (called processes, sub-processes, multi-instances)
 * @param retrying steps that failed and are being tried again after a pause
 * @param deciders the runbook's {@code approvals.deciders}, who may abort or retry it besides the rollout roles; empty
 *     until the runbook is loaded
 * @param serviceIncidents the incidents of the service linked to this rollout (incident-response processes opened
 *     while it ran or after it), each with its pages, decisions and open tasks; not to be confused with
 *     {@code incidents}, the steps that cannot run
 * @param audit who started, aborted and retried it, from where, with which runbook content
 */
public record RolloutView(
    String rolloutId,
    String processId,
    long processInstanceKey,
    String strategy,
    String runbook,
    String service,
    String version,
    String ticket,
    String startedBy,
    Instant startedAt,
    RolloutState state,
    String reason,
    Instant endedAt,
    List<String> current,
    String stage,
    JsonNode gate,
    JsonNode stages,
    List<PendingDecision> pendingDecisions,
    JsonNode decisions,
    List<IncidentView> incidents,
    List<RetryingStep> retrying,
    List<String> deciders,
    List<ServiceIncident> serviceIncidents,
    Audit audit) {

  /** Whether its process has ended; an ended rollout can be neither aborted nor retried. */
  public boolean ended() {
    return endedAt != null;
  }

  /**
   * The rollout's attribution, from its process variables; {@code startedBy} and each decision's {@code decidedBy},
   * {@code via} and {@code runbookSha256} are shown where they already are.
   *
   * @param startedVia {@code api}, {@code cli} or {@code tasklist}
   * @param runbookSha256 SHA-256 of the runbook content the rollout runs
   * @param abortedBy who asked for the abort, if anyone
   * @param abortedVia where the abort came from
   * @param abortReason why
   * @param retries every retry of failed steps, oldest first: {@code {"by", "via", "at"}}
   */
  public record Audit(String startedVia, String runbookSha256, String abortedBy, String abortedVia,
      String abortReason, JsonNode retries) {}

  /**
   * @param key the user task's key, for {@code /api/tasks/{key}/decision}
   * @param name the task's name in the diagram
   * @param elementId the task's id in the diagram
   * @param candidateGroups who may answer it
   * @param createdAt since when it waits
   * @param question what is asked, as the form shows it; null for a task without one
   * @param summary what the person needs to know to answer, e.g. what a restore would delete; null when none
   * @param role the role the answer is given as, for a sign-off (e.g. security-lead, one task per role); null for a
   *     decision any of its candidate groups may answer
   * @param samples the evidence a compare-mode breach is asked about: the service's samples where the legacy and the
   *     new system disagreed ({@code input}, {@code legacy_result}, {@code new_result}, {@code match}); null when none
   */
  public record PendingDecision(long key, String name, String elementId, List<String> candidateGroups,
      Instant createdAt, String question, String summary, String role, JsonNode samples) {}

  /**
   * A step that cannot run and waits for a person ({@code greenlight retry} or {@code greenlight abort}).
   *
   * @param key the incident's key in the engine
   * @param path where the step is, e.g. "Release a version › Deploy the version"
   * @param message what went wrong and what to do
   * @param since when the incident was raised
   * @param jobKey the job that failed, null when the incident is not a job's (e.g. an unhandled error)
   * @param duringRollback whether the step belongs to the rollback
   */
  public record IncidentView(long key, String path, String message, Instant since, Long jobKey,
      boolean duringRollback) {}

  /**
   * A step whose job failed and is tried again after a pause (a rollback step is tried again until it works).
   *
   * @param jobKey the job
   * @param path where the step is
   * @param message why the last attempt failed
   * @param since when it first failed
   * @param nextAttemptAt when it is tried next
   * @param duringRollback whether the step belongs to the rollback
   */
  public record RetryingStep(long jobKey, String path, String message, Instant since, Instant nextAttemptAt,
      boolean duringRollback) {}
}
