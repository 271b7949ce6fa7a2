package dev.greenlight.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.engine.EmbeddedRecordFeed.CheckpointedReadModel;
import dev.greenlight.rollout.RolloutVariables;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RejectionType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.FormIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.FormMetadataValue;
import io.camunda.zeebe.protocol.record.value.deployment.Process;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the embedded engine's record stream says about user tasks: every task with its state and name, the form ids,
 * the {@code rolloutId}/{@code startedBy}/{@code runbookSha256} of each process instance, and the engine's answers to
 * completions. Nothing is pruned: this holds a few fields per task. Its state (not the answers awaited by calls in
 * progress) is saved with the feed's checkpoints, so open decisions are still open, with the same keys, after a restart.
 */
final class EmbeddedTaskReadModel implements CheckpointedReadModel {

  /** What became of a COMPLETE command. */
  sealed interface CompletionOutcome {
    record Completed() implements CompletionOutcome {}

    record Rejected(RejectionType type, String reason) implements CompletionOutcome {}
  }

  private static final Set<String> INSTANCE_VARIABLES = Set.of(RolloutVariables.ROLLOUT_ID, RolloutVariables.STARTED_BY,
      RolloutVariables.RUNBOOK_SHA256, GivenSignoffs.DISTINCT_SIGNERS, GivenSignoffs.GIVEN);

  /** What a user task's records say, as far as the inbox needs it. */
  record TaskFacts(long userTaskKey, String elementId, long processInstanceKey, long processDefinitionKey,
      List<String> candidateGroups, long formKey) {
    static TaskFacts of(UserTaskRecordValue value) {
      return new TaskFacts(value.getUserTaskKey(), value.getElementId(), value.getProcessInstanceKey(),
          value.getProcessDefinitionKey(), List.copyOf(value.getCandidateGroupsList()), value.getFormKey());
    }
  }

  /** @param state CREATED while open, then COMPLETED or CANCELED */
  record TrackedTask(TaskFacts value, Instant createdAt, UserTaskIntent state) {
    boolean open() {
      return state == UserTaskIntent.CREATED;
    }
  }

  /** The read model as the feed's checkpoint keeps it. */
  record SavedTasks(List<TrackedTask> tasks, Map<Long, String> formIds, Map<Long, Map<String, String>> taskNames,
      Map<Long, Map<String, String>> instanceVariables) {}

  private final Map<Long, TrackedTask> tasks = new LinkedHashMap<>();
  private final Map<Long, String> formIds = new HashMap<>();
  private final Map<Long, Map<String, String>> taskNames = new HashMap<>();
  /** The {@link #INSTANCE_VARIABLES} of each process instance, as JSON. */
  private final Map<Long, Map<String, String>> instanceVariables = new HashMap<>();
  private final Map<Long, CompletionOutcome.Rejected> rejectionsByCommandPosition = new HashMap<>();
  private final Set<Long> acceptedCommandPositions = new HashSet<>();

  @Override
  public String checkpointName() {
    return "tasks";
  }

  @Override
  public synchronized JsonNode saveState(ObjectMapper json) {
    return json.valueToTree(new SavedTasks(List.copyOf(tasks.values()), formIds, taskNames, instanceVariables));
  }

  @Override
  public synchronized void restoreState(JsonNode state, ObjectMapper json) {
    SavedTasks saved = json.convertValue(state, SavedTasks.class);
    saved.tasks().forEach(task -> tasks.put(task.value().userTaskKey(), task));
    formIds.putAll(saved.formIds());
    taskNames.putAll(saved.taskNames());
    instanceVariables.putAll(saved.instanceVariables());
  }

  @Override
  public synchronized void accept(Record<?> record) {
    if (record.getRecordType() == RecordType.COMMAND_REJECTION
        && record.getValueType() == ValueType.USER_TASK && record.getIntent() == UserTaskIntent.COMPLETE) {
      rejectionsByCommandPosition.put(record.getSourceRecordPosition(),
          new CompletionOutcome.Rejected(record.getRejectionType(), record.getRejectionReason()));
    }
    if (record.getRecordType() != RecordType.EVENT) {
      return;
    }
    switch (record.getValueType()) {
      case USER_TASK -> onUserTask((UserTaskIntent) record.getIntent(), (UserTaskRecordValue) record.getValue(),
          Instant.ofEpochMilli(record.getTimestamp()), record.getSourceRecordPosition());
      case FORM -> {
        if (record.getIntent() == FormIntent.CREATED) {
          FormMetadataValue form = (FormMetadataValue) record.getValue();
          formIds.put(form.getFormKey(), form.getFormId());
        }
      }
      case PROCESS -> {
        if (record.getIntent() == ProcessIntent.CREATED) {
          onProcess((Process) record.getValue());
        }
      }
      case VARIABLE -> onVariable((VariableRecordValue) record.getValue());
      default -> { }
    }
  }

  synchronized List<ApprovalTask> openTasks() {
    return tasks.values().stream().filter(TrackedTask::open).map(this::toApprovalTask).toList();
  }

  synchronized Optional<ApprovalTask> task(long key) {
    return Optional.ofNullable(tasks.get(key)).map(this::toApprovalTask);
  }

  /**
   * Empty while the engine has not answered the COMPLETE command written at this position. The answer is the
   * command's own: its rejection, or its acceptance (the COMPLETING event it caused) followed by the task's
   * completion. Another command's completion of the same task does not count.
   */
  synchronized Optional<CompletionOutcome> completionOutcome(long key, long commandPosition) {
    CompletionOutcome.Rejected rejection = rejectionsByCommandPosition.remove(commandPosition);
    if (rejection != null) {
      return Optional.of(rejection);
    }
    TrackedTask task = tasks.get(key);
    if (task != null && task.state() == UserTaskIntent.COMPLETED && acceptedCommandPositions.remove(commandPosition)) {
      return Optional.of(new CompletionOutcome.Completed());
    }
    return Optional.empty();
  }

  private void onUserTask(UserTaskIntent intent, UserTaskRecordValue value, Instant at, long sourcePosition) {
    switch (intent) {
      case CREATED -> tasks.put(value.getUserTaskKey(), new TrackedTask(TaskFacts.of(value), at, intent));
      case COMPLETING -> acceptedCommandPositions.add(sourcePosition);
      case COMPLETED, CANCELED -> tasks.computeIfPresent(value.getUserTaskKey(),
          (key, task) -> new TrackedTask(task.value(), task.createdAt(), intent));
      default -> { }
    }
  }

  /** User-task records carry no name; the deployed BPMN has it. */
  private void onProcess(Process process) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(process.getResource()));
    Map<String, String> names = new HashMap<>();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (task.getName() != null && !task.getName().isBlank()) {
        names.put(task.getId(), task.getName());
      }
    }
    taskNames.put(process.getProcessDefinitionKey(), names);
  }

  private void onVariable(VariableRecordValue variable) {
    if (variable.getScopeKey() == variable.getProcessInstanceKey() && INSTANCE_VARIABLES.contains(variable.getName())) {
      instanceVariables.computeIfAbsent(variable.getProcessInstanceKey(), key -> new HashMap<>())
          .put(variable.getName(), variable.getValue());
    }
  }

  private ApprovalTask toApprovalTask(TrackedTask task) {
    TaskFacts value = task.value();
    Map<String, String> variables = instanceVariables.getOrDefault(value.processInstanceKey(), Map.of());
    String name = taskNames.getOrDefault(value.processDefinitionKey(), Map.of())
        .getOrDefault(value.elementId(), value.elementId());
    return new ApprovalTask(value.userTaskKey(), name, value.elementId(),
        value.processInstanceKey(), value.candidateGroups(), formIds.get(value.formKey()),
        task.createdAt(), text(variables, RolloutVariables.ROLLOUT_ID), text(variables, RolloutVariables.STARTED_BY),
        text(variables, RolloutVariables.RUNBOOK_SHA256), task.open(),
        GivenSignoffs.fromVariables(variables.get(GivenSignoffs.DISTINCT_SIGNERS), variables.get(GivenSignoffs.GIVEN)));
  }

  private static String text(Map<String, String> variables, String name) {
    String json = variables.get(name);
    return json == null ? null : VariableText.of(name, json);
  }
}
