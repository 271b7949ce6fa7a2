package dev.greenlight.api.tasks;

import dev.greenlight.inbox.ApprovalTask;
import java.time.Instant;
import java.util.List;

/**
 * A task in {@code GET /api/tasks}. Keys are strings, as in Camunda's REST API: they outgrow JavaScript's numbers.
 */
record TaskView(
    String key,
    String name,
    String rolloutId,
    String processInstanceKey,
    String elementId,
    List<String> candidateGroups,
    String formId,
    Instant createdAt) {

  static TaskView of(ApprovalTask task) {
    return new TaskView(String.valueOf(task.key()), task.name(), task.rolloutId(),
        String.valueOf(task.processInstanceKey()), task.elementId(), task.candidateGroups(), task.formId(),
        task.createdAt());
  }
}
