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
 * @param givenSignoffs the sign-offs its process instance was given so far ({@link GivenSignoffs#NONE} outside the
 *     sign-offs process)
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
    boolean open,
    GivenSignoffs givenSignoffs) {

  public ApprovalTask {
    candidateGroups = List.copyOf(candidateGroups);
    givenSignoffs = givenSignoffs == null ? GivenSignoffs.NONE : givenSignoffs;
  }

  /** A task outside the sign-offs process. */
  public ApprovalTask(long key, String name, String elementId, long processInstanceKey, List<String> candidateGroups,
      String formId, Instant createdAt, String rolloutId, String startedBy, String runbookSha256, boolean open) {
    this(key, name, elementId, processInstanceKey, candidateGroups, formId, createdAt, rolloutId, startedBy,
        runbookSha256, open, GivenSignoffs.NONE);
  }

  /** How messages name the task: its name and key. */
  public String describe() {
    return "'" + name + "' (" + key + ")";
  }
}
