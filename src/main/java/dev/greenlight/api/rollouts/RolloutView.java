package dev.greenlight.api.rollouts;

import dev.greenlight.rollout.RolloutState;
import com.fasterxml.jackson.databind.JsonNode;
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
 * @param current names of the elements active now (phase, stage, task), as Operate shows them
 * @param stage name of the stage being watched, if any
 * @param gate the latest gate verdict (the {@code gate} variable)
 * @param pendingDecisions user tasks waiting for a person, in the rollout or a process it called (such as a restore
 *     decision in its rollback)
 * @param decisions the decisions recorded so far (the {@code decisions} variable)
 * @param incidents messages of the open incidents
 * @param deciders the runbook's {@code approvals.deciders}, who may abort or retry it besides the rollout roles; empty
 *     until the runbook is loaded
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
    List<String> current,
    String stage,
    JsonNode gate,
    List<PendingDecision> pendingDecisions,
    JsonNode decisions,
    List<String> incidents,
    List<String> deciders,
    Audit audit) {

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
   */
  public record PendingDecision(long key, String name, String elementId, List<String> candidateGroups,
      Instant createdAt, String question, String summary) {}
}
