package dev.greenlight.api.rollouts;

import dev.greenlight.rollout.RolloutState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.api.rollouts.RolloutView.PendingDecision;
import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.engine.EngineProperties;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.Strategy;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.Process;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Rollouts on the embedded engine, which has no Operate: folded from the engine's records (processes deployed,
 * elements entered and left, variables, user tasks, incidents) as they arrive through the {@link EmbeddedRecordFeed}.
 */
@Component
@ConditionalOnProperty(name = EngineProperties.MODE, havingValue = "embedded", matchIfMissing = true)
public class EmbeddedRolloutReadModel implements RolloutReadModel {

  /** Elements that are passed through rather than waited in, so they are never "current". */
  private static final Set<BpmnElementType> TRANSIENT = Set.of(BpmnElementType.PROCESS, BpmnElementType.START_EVENT,
      BpmnElementType.END_EVENT, BpmnElementType.SEQUENCE_FLOW, BpmnElementType.EXCLUSIVE_GATEWAY,
      BpmnElementType.PARALLEL_GATEWAY, BpmnElementType.INCLUSIVE_GATEWAY, BpmnElementType.MULTI_INSTANCE_BODY);

  /** The input variables of a decision task that say what is asked (see the go-no-go form). */
  private static final Set<String> TASK_TEXTS = Set.of("question", "summary");

  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  private final EmbeddedRecordFeed feed;
  private final Map<Long, Map<String, String>> elementNames = new HashMap<>();
  private final Map<Long, Instance> instances = new LinkedHashMap<>();
  /** The {@code question} and {@code summary} input of each open decision task, by its element instance. */
  private final Map<Long, Map<String, String>> taskTexts = new HashMap<>();

  public EmbeddedRolloutReadModel(EmbeddedRecordFeed feed) {
    this.feed = feed;
    feed.subscribe(this::apply);
  }

  @Override
  public List<RolloutView> all() {
    feed.catchUp();
    synchronized (this) {
      return instances.values().stream().filter(Instance::isRollout).map(this::view).toList();
    }
  }

  @Override
  public Optional<RolloutView> find(String rolloutId) {
    return all().stream().filter(rollout -> rollout.rolloutId().equals(rolloutId)).findFirst();
  }

  private synchronized void apply(Record<?> record) {
    if (record.getRecordType() != RecordType.EVENT) {
      return;
    }
    switch (record.getValueType()) {
      case PROCESS -> rememberElementNames((Process) record.getValue());
      case PROCESS_INSTANCE -> applyElement(record, (ProcessInstanceRecordValue) record.getValue());
      case VARIABLE -> applyVariable((VariableRecordValue) record.getValue());
      case USER_TASK -> applyUserTask(record, (UserTaskRecordValue) record.getValue());
      case INCIDENT -> applyIncident(record, (IncidentRecordValue) record.getValue());
      default -> { }
    }
  }

  private void rememberElementNames(Process process) {
    Map<String, String> names = new HashMap<>();
    Bpmn.readModelFromStream(new ByteArrayInputStream(process.getResource()))
        .getModelElementsByType(FlowElement.class)
        .forEach(element -> names.put(element.getId(), element.getName()));
    elementNames.put(process.getProcessDefinitionKey(), names);
  }

  private void applyElement(Record<?> record, ProcessInstanceRecordValue element) {
    ProcessInstanceIntent intent = (ProcessInstanceIntent) record.getIntent();
    boolean isProcess = element.getBpmnElementType() == BpmnElementType.PROCESS;
    Instance instance = instance(element.getProcessInstanceKey());
    if (isProcess && intent == ProcessInstanceIntent.ELEMENT_ACTIVATING) {
      if (element.getParentProcessInstanceKey() < 0) {
        instance.started(element.getBpmnProcessId(), element.getProcessDefinitionKey(),
            Instant.ofEpochMilli(record.getTimestamp()));
      } else {
        instance.parentKey = element.getParentProcessInstanceKey();
      }
      return;
    }
    switch (intent) {
      case ELEMENT_ACTIVATED -> {
        if (!TRANSIENT.contains(element.getBpmnElementType())) {
          instance.active.put(record.getKey(), element.getElementId());
        }
      }
      case ELEMENT_COMPLETED, ELEMENT_TERMINATED -> {
        instance.active.remove(record.getKey());
        if (element.getBpmnElementType() == BpmnElementType.END_EVENT
            && element.getFlowScopeKey() == element.getProcessInstanceKey()) {
          instance.endEventId = element.getElementId();
        }
        if (isProcess) {
          instance.ended = intent == ProcessInstanceIntent.ELEMENT_TERMINATED
              ? RolloutState.ABORTED : RolloutState.endedAt(instance.endEventId);
        }
      }
      default -> { }
    }
  }

  private void applyVariable(VariableRecordValue variable) {
    if (TASK_TEXTS.contains(variable.getName()) && variable.getScopeKey() != variable.getProcessInstanceKey()) {
      taskTexts.computeIfAbsent(variable.getScopeKey(), scope -> new HashMap<>())
          .put(variable.getName(), variable.getValue());
    }
    Instance instance = instance(variable.getProcessInstanceKey());
    boolean anyScope = variable.getName().equals(RolloutVariables.GATE)
        || variable.getName().equals(RolloutVariables.STAGE);
    if (variable.getScopeKey() == variable.getProcessInstanceKey()
        && variable.getName().equals(RolloutVariables.RUNBOOK)) {
      // kept as the deciders only: the whole spec would be parsed again for every view
      instance.deciders = deciders(parse(variable.getValue()));
    } else if (anyScope || variable.getScopeKey() == variable.getProcessInstanceKey()) {
      instance.variables.put(variable.getName(), variable.getValue());
    }
  }

  /** A decision in a called process (a sign-off, a restore decision in a rollback) waits for its rollout. */
  private void applyUserTask(Record<?> record, UserTaskRecordValue task) {
    Instance rollout = rootOf(instance(task.getProcessInstanceKey()));
    switch ((UserTaskIntent) record.getIntent()) {
      case CREATED -> {
        Map<String, String> texts = taskTexts.getOrDefault(task.getElementInstanceKey(), Map.of());
        rollout.openTasks.put(task.getUserTaskKey(), new PendingDecision(task.getUserTaskKey(),
            nameOf(task.getProcessDefinitionKey(), task.getElementId()), task.getElementId(),
            List.copyOf(task.getCandidateGroupsList()), Instant.ofEpochMilli(record.getTimestamp()),
            text(texts.get("question")), text(texts.get("summary"))));
      }
      case COMPLETED, CANCELED -> {
        rollout.openTasks.remove(task.getUserTaskKey());
        taskTexts.remove(task.getElementInstanceKey());
      }
      default -> { }
    }
  }

  private Instance rootOf(Instance instance) {
    Instance root = instance;
    while (root.parentKey > 0 && instances.containsKey(root.parentKey)) {
      root = instances.get(root.parentKey);
    }
    return root;
  }

  private void applyIncident(Record<?> record, IncidentRecordValue incident) {
    Instance instance = instance(incident.getProcessInstanceKey());
    if (record.getIntent() == IncidentIntent.CREATED) {
      instance.openIncidents.put(record.getKey(), incident.getErrorMessage());
    } else if (record.getIntent() == IncidentIntent.RESOLVED) {
      instance.openIncidents.remove(record.getKey());
    }
  }

  /** Variables of an instance are written before the instance's own records, so either may come first. */
  private Instance instance(long processInstanceKey) {
    return instances.computeIfAbsent(processInstanceKey, Instance::new);
  }

  private RolloutView view(Instance instance) {
    Set<String> current = new LinkedHashSet<>();
    instance.active.values().forEach(elementId -> current.add(nameOf(instance.definitionKey, elementId)));
    JsonNode stage = parse(instance.variables.get(RolloutVariables.STAGE));
    RolloutState state = instance.ended != null ? instance.ended
        : instance.openIncidents.isEmpty() ? RolloutState.ACTIVE : RolloutState.FAILED;
    return new RolloutView(
        text(instance, RolloutVariables.ROLLOUT_ID),
        instance.processId,
        instance.key,
        Arrays.stream(Strategy.values()).filter(s -> s.processId().equals(instance.processId))
            .map(Strategy::specName).findFirst().orElse(text(instance, RolloutVariables.STRATEGY)),
        text(instance, RolloutVariables.RUNBOOK_NAME),
        text(instance, RolloutVariables.SERVICE),
        text(instance, RolloutVariables.VERSION),
        text(instance, RolloutVariables.TICKET),
        text(instance, RolloutVariables.STARTED_BY),
        instance.startedAt,
        state,
        List.copyOf(current),
        stage == null || !stage.hasNonNull("name") ? null : stage.get("name").asText(),
        parse(instance.variables.get(RolloutVariables.GATE)),
        List.copyOf(instance.openTasks.values()),
        parse(instance.variables.get(RolloutVariables.DECISIONS)),
        List.copyOf(instance.openIncidents.values()),
        instance.deciders,
        new RolloutView.Audit(
            text(instance, RolloutVariables.STARTED_VIA),
            text(instance, RolloutVariables.RUNBOOK_SHA256),
            text(instance, RolloutVariables.ABORTED_BY),
            text(instance, RolloutVariables.ABORTED_VIA),
            text(instance, RolloutVariables.ABORT_REASON),
            parse(instance.variables.get(RolloutVariables.RETRIES))));
  }

  private static List<String> deciders(JsonNode runbook) {
    List<String> deciders = new ArrayList<>();
    if (runbook != null) {
      runbook.path("approvals").path("deciders").forEach(decider -> deciders.add(decider.asText()));
    }
    return List.copyOf(deciders);
  }

  private String nameOf(long definitionKey, String elementId) {
    String name = elementNames.getOrDefault(definitionKey, Map.of()).get(elementId);
    return name == null || name.isBlank() ? elementId : name;
  }

  private String text(Instance instance, String variable) {
    return text(instance.variables.get(variable));
  }

  private String text(String variableJson) {
    JsonNode value = parse(variableJson);
    return value == null || value.isNull() ? null : value.asText();
  }

  private JsonNode parse(String variableJson) {
    if (variableJson == null) {
      return null;
    }
    try {
      return json.readTree(variableJson);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The engine wrote a variable that is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** What the records told about one process instance so far. */
  private static final class Instance {
    final long key;
    /** The process instance that called this one; -1 for a rollout. */
    long parentKey = -1;
    String processId;
    long definitionKey;
    Instant startedAt;
    final Map<Long, String> active = new LinkedHashMap<>();
    final Map<String, String> variables = new HashMap<>();
    final Map<Long, PendingDecision> openTasks = new LinkedHashMap<>();
    final Map<Long, String> openIncidents = new LinkedHashMap<>();
    String endEventId;
    RolloutState ended;
    List<String> deciders = List.of();

    Instance(long key) {
      this.key = key;
    }

    void started(String processId, long definitionKey, Instant startedAt) {
      this.processId = processId;
      this.definitionKey = definitionKey;
      this.startedAt = startedAt;
    }

    /** A top-level instance started with a rollout id; called processes and other instances are not rollouts. */
    boolean isRollout() {
      return processId != null && variables.containsKey(RolloutVariables.ROLLOUT_ID);
    }
  }
}
