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

  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  private final EmbeddedRecordFeed feed;
  private final Map<Long, Map<String, String>> elementNames = new HashMap<>();
  private final Map<Long, Instance> instances = new LinkedHashMap<>();

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
    if (isProcess && intent == ProcessInstanceIntent.ELEMENT_ACTIVATING && element.getParentProcessInstanceKey() < 0) {
      instance.started(element.getBpmnProcessId(), element.getProcessDefinitionKey(),
          Instant.ofEpochMilli(record.getTimestamp()));
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

  private void applyUserTask(Record<?> record, UserTaskRecordValue task) {
    Instance instance = instance(task.getProcessInstanceKey());
    switch ((UserTaskIntent) record.getIntent()) {
      case CREATED -> instance.openTasks.put(task.getUserTaskKey(), new PendingDecision(task.getUserTaskKey(),
          nameOf(instance, task.getElementId()), task.getElementId(), List.copyOf(task.getCandidateGroupsList()),
          Instant.ofEpochMilli(record.getTimestamp())));
      case COMPLETED, CANCELED -> instance.openTasks.remove(task.getUserTaskKey());
      default -> { }
    }
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
    instance.active.values().forEach(elementId -> current.add(nameOf(instance, elementId)));
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

  private String nameOf(Instance instance, String elementId) {
    String name = elementNames.getOrDefault(instance.definitionKey, Map.of()).get(elementId);
    return name == null || name.isBlank() ? elementId : name;
  }

  private String text(Instance instance, String variable) {
    JsonNode value = parse(instance.variables.get(variable));
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
