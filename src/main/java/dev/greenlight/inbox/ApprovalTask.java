package dev.greenlight.inbox;

import java.time.Instant;
import java.util.List;

/**
 * A user task as the inbox sees it, with the variables of its process instance that authorization needs.
 *
 * @param key the user task key
 * @param name the task's name from the BPMN
 * @param elementId the user task's BPMN element id
 * @param processInstanceKey its process instance
 * @param candidateGroups who may decide it
 * @param formId the linked Camunda Form, or null
 * @param createdAt when the task was created
 * @param rolloutId the instance's {@code rolloutId}, or null
 * @param startedBy the instance's {@code startedBy}, or null
 * @param runbookSha256 the instance's {@code runbookSha256}: the runbook content the decision is about, or null
 * @param open false once completed or cancelled
 */
public record ApprovalTask(
    long key,
    String name,
    String elementId,
    long processInstanceKey,
    List<String> candidateGroups,
    String formId,
    Instant createdAt,
    String rolloutId,
    String startedBy,
    String runbookSha256,
    boolean open) {

  public ApprovalTask {
    candidateGroups = List.copyOf(candidateGroups);
  }

  /** How messages name the task: its name and key. */
  public String describe() {
    return "'" + name + "' (" + key + ")";
  }
}
