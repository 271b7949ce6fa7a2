package dev.greenlight.api.rollouts;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.api.rollouts.RolloutView.IncidentView;
import dev.greenlight.api.rollouts.RolloutView.PendingDecision;
import dev.greenlight.api.rollouts.RolloutView.RetryingStep;
import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.engine.EmbeddedRecordFeed.CheckpointedReadModel;
import dev.greenlight.engine.EngineProperties;
import dev.greenlight.incidents.IncidentVariables;
import dev.greenlight.incidents.ServiceIncident;
import dev.greenlight.rollout.ProcessNames;
import dev.greenlight.rollout.RollbackSteps;
import dev.greenlight.rollout.RolloutOutcome;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.Strategy;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.Process;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * elements entered and left, variables, user tasks, jobs, incidents) as they arrive through the
 * {@link EmbeddedRecordFeed}. A rollout is its process instance and every instance it called, directly or not: their
 * incidents, retried steps, decisions and latest readings all show on the rollout. Its state is saved with the feed's
 * checkpoints, field by field as the records left it, so a restart shows the same rollouts.
 */
@Component
@ConditionalOnProperty(name = EngineProperties.MODE, havingValue = "embedded", matchIfMissing = true)
public class EmbeddedRolloutReadModel implements RolloutReadModel, CheckpointedReadModel {

  /** Elements that are passed through rather than waited in, so they are never "current". */
  private static final Set<BpmnElementType> TRANSIENT = Set.of(BpmnElementType.PROCESS, BpmnElementType.START_EVENT,
      BpmnElementType.END_EVENT, BpmnElementType.SEQUENCE_FLOW, BpmnElementType.EXCLUSIVE_GATEWAY,
      BpmnElementType.PARALLEL_GATEWAY, BpmnElementType.INCLUSIVE_GATEWAY, BpmnElementType.MULTI_INSTANCE_BODY);
  /**
   * Variables read from any scope of any process in the rollout, latest write first: the gate a monitoring window is
   * measuring, the stage it watches, why a rollback runs, who aborted. The rest only from the rollout's own scope.
   */
  private static final Set<String> FOLDED = Set.of(RolloutVariables.GATE, RolloutVariables.STAGE,
      RolloutVariables.ROLLBACK_REASON, RolloutVariables.ABORT_REASON, RolloutVariables.ABORTED_BY,
      RolloutVariables.ABORTED_AT, RolloutVariables.ABORTED_VIA);

  /**
   * The input variables of a decision task that say what is asked (see the go-no-go and compare-breach forms)
   * and, for a sign-off, as whom.
   */
  private static final Set<String> TASK_TEXTS = Set.of("question", "summary", "role", "samples");

  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  private final EmbeddedRecordFeed feed;
  private final Map<Long, ProcessNames> processNames = new HashMap<>();
  private final Map<Long, Instance> instances = new LinkedHashMap<>();
  /** The {@code question}, {@code summary} and {@code samples} inputs of elements still running, by element instance. */
  private final Map<Long, Map<String, Value>> taskTexts = new HashMap<>();

  public EmbeddedRolloutReadModel(EmbeddedRecordFeed feed) {
    this.feed = feed;
    feed.subscribe(this);
  }

  @Override
  public String checkpointName() {
    return "rollouts";
  }

  @Override
  public synchronized JsonNode saveState(ObjectMapper mapper) {
    return mapper.valueToTree(new Saved(processNames, List.copyOf(instances.values()), taskTexts));
  }

  @Override
  public synchronized void restoreState(JsonNode state, ObjectMapper mapper) {
    Saved saved = mapper.convertValue(state, Saved.class);
    processNames.putAll(saved.processNames());
    saved.instances().forEach(instance -> instances.put(instance.key, instance));
    taskTexts.putAll(saved.taskTexts());
  }

  /** The read model as the feed's checkpoint keeps it: what the records said, nothing derived. */
  private record Saved(Map<Long, ProcessNames> processNames, List<Instance> instances,
      Map<Long, Map<String, Value>> taskTexts) {}

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

  /** The rollout's runbook as its process holds it (the {@code runbook} variable), once it is loaded. */
  public Optional<JsonNode> runbook(String rolloutId) {
    return variable(rolloutId, RolloutVariables.RUNBOOK);
  }

  /** A variable of the rollout's own scope (e.g. {@code previousVersion}), when it is set. */
  public Optional<JsonNode> variable(String rolloutId, String name) {
    feed.catchUp();
    synchronized (this) {
      return instances.values().stream().filter(Instance::isRollout)
          .filter(instance -> rolloutId.equals(text(instance.variables, RolloutVariables.ROLLOUT_ID)))
          .findFirst().map(instance -> parse(instance.variables.get(name)));
    }
  }

  /** Every incident of every service, oldest first. */
  public List<ServiceIncident> incidents() {
    feed.catchUp();
    synchronized (this) {
      return instances.values().stream().filter(Instance::isIncident).map(this::incidentView).toList();
    }
  }

  public Optional<ServiceIncident> incident(String incidentId) {
    return incidents().stream().filter(incident -> incidentId.equals(incident.incidentId())).findFirst();
  }

  @Override
  public synchronized void accept(Record<?> record) {
    if (record.getRecordType() != RecordType.EVENT) {
      return;
    }
    switch (record.getValueType()) {
      case PROCESS -> rememberNames(record.getKey(), (Process) record.getValue());
      case PROCESS_INSTANCE -> applyElement(record, (ProcessInstanceRecordValue) record.getValue());
      case VARIABLE -> applyVariable(record, (VariableRecordValue) record.getValue());
      case USER_TASK -> applyUserTask(record, (UserTaskRecordValue) record.getValue());
      case JOB -> applyJob(record, (JobRecordValue) record.getValue());
      case INCIDENT -> applyIncident(record, (IncidentRecordValue) record.getValue());
      default -> { }
    }
  }

  private void rememberNames(long definitionKey, Process process) {
    ProcessNames.readAll(process.getResource()).stream()
        .filter(names -> names.processId().equals(process.getBpmnProcessId()))
        .findFirst().ifPresent(names -> processNames.put(definitionKey, names));
  }

  private void applyElement(Record<?> record, ProcessInstanceRecordValue element) {
    ProcessInstanceIntent intent = (ProcessInstanceIntent) record.getIntent();
    boolean isProcess = element.getBpmnElementType() == BpmnElementType.PROCESS;
    Instance instance = instance(element.getProcessInstanceKey());
    Instant at = Instant.ofEpochMilli(record.getTimestamp());
    if (isProcess && intent == ProcessInstanceIntent.ELEMENT_ACTIVATING) {
      instance.started(element, at);
      if (instance.parentKey > 0) {
        instance(instance.parentKey).children.add(instance.key);
      }
      return;
    }
    switch (intent) {
      case ELEMENT_ACTIVATED -> instance.elements.put(record.getKey(),
          new Element(element.getElementId(), element.getBpmnElementType()));
      case ELEMENT_COMPLETED, ELEMENT_TERMINATED -> {
        instance.elements.remove(record.getKey());
        taskTexts.remove(record.getKey());
        if (element.getBpmnElementType() == BpmnElementType.END_EVENT && intent == ProcessInstanceIntent.ELEMENT_COMPLETED) {
          instance.endEventId = element.getElementId();
        }
        if (isProcess) {
          instance.ended(intent == ProcessInstanceIntent.ELEMENT_TERMINATED, at);
          forgetCalledInstances(instance);
        }
      }
      default -> { }
    }
  }

  /**
   * A process that ended has no incidents or running steps left, and the caller keeps what it mapped back; and the
   * decisions given in it, which a cancelled call (an abort during the sign-offs) maps back to nobody.
   */
  private void forgetCalledInstances(Instance ended) {
    if (ended.parentKey > 0) {
      Instance parent = instances.get(ended.parentKey);
      if (parent != null) {
        parent.children.remove(ended.key);
        parent.calledDecisions.addAll(ended.decisions());
      }
      forget(ended);
    }
  }

  private void forget(Instance instance) {
    instances.remove(instance.key);
    instance.children.stream().map(instances::get).filter(child -> child != null).forEach(this::forget);
  }

  private void applyVariable(Record<?> record, VariableRecordValue variable) {
    Instance instance = instance(variable.getProcessInstanceKey());
    Value value = new Value(variable.getValue(), record.getPosition());
    if (TASK_TEXTS.contains(variable.getName()) && variable.getScopeKey() != variable.getProcessInstanceKey()) {
      taskTexts.computeIfAbsent(variable.getScopeKey(), scope -> new HashMap<>()).put(variable.getName(), value);
    }
    if (variable.getScopeKey() == variable.getProcessInstanceKey()) {
      instance.variables.put(variable.getName(), value);
      if (variable.getName().equals(RolloutVariables.RUNBOOK)) {
        // the deciders once here: the whole spec would be parsed again for every view
        instance.deciders = deciders(parse(value));
      }
    }
    if (FOLDED.contains(variable.getName())) {
      instance.anyScope.put(variable.getName(), value);
    }
  }

  private void applyUserTask(Record<?> record, UserTaskRecordValue task) {
    Instance instance = instance(task.getProcessInstanceKey());
    switch ((UserTaskIntent) record.getIntent()) {
      case CREATED -> {
        Map<String, Value> texts = taskTexts.getOrDefault(task.getElementInstanceKey(), Map.of());
        instance.openTasks.put(task.getUserTaskKey(), new PendingDecision(task.getUserTaskKey(),
            names(instance).name(task.getElementId()), task.getElementId(), List.copyOf(task.getCandidateGroupsList()),
            Instant.ofEpochMilli(record.getTimestamp()), text(texts, "question"), text(texts, "summary"),
            text(texts, "role"), parse(texts.get("samples"))));
      }
      case COMPLETED, CANCELED -> instance.openTasks.remove(task.getUserTaskKey());
      default -> { }
    }
  }

  private void applyJob(Record<?> record, JobRecordValue job) {
    Instance instance = instance(job.getProcessInstanceKey());
    switch ((JobIntent) record.getIntent()) {
      case FAILED -> {
        if (job.getRetries() > 0) {
          Instant at = Instant.ofEpochMilli(record.getTimestamp());
          FailingJob earlier = instance.failingJobs.get(record.getKey());
          instance.failingJobs.put(record.getKey(), new FailingJob(record.getKey(), job.getElementInstanceKey(),
              job.getElementId(), job.getErrorMessage(), earlier == null ? at : earlier.since(),
              at.plusMillis(job.getRetryBackoff())));
        } else {
          instance.failingJobs.remove(record.getKey());
        }
      }
      case COMPLETED, ERROR_THROWN, CANCELED -> instance.failingJobs.remove(record.getKey());
      default -> { }
    }
  }

  private void applyIncident(Record<?> record, IncidentRecordValue incident) {
    Instance instance = instance(incident.getProcessInstanceKey());
    if (record.getIntent() == IncidentIntent.CREATED) {
      instance.openIncidents.put(record.getKey(), new OpenIncident(record.getKey(), incident.getElementId(),
          incident.getErrorMessage(), Instant.ofEpochMilli(record.getTimestamp()),
          incident.getJobKey() > 0 ? incident.getJobKey() : null));
    } else if (record.getIntent() == IncidentIntent.RESOLVED) {
      instance.openIncidents.remove(record.getKey());
    }
  }

  /** Variables of an instance are written before the instance's own records, so either may come first. */
  private Instance instance(long processInstanceKey) {
    return instances.computeIfAbsent(processInstanceKey, Instance::new);
  }

  private RolloutView view(Instance root) {
    List<Instance> tree = tree(root);
    Set<Long> rollbackKeys = rollbackInstances(root);
    Set<String> current = new LinkedHashSet<>();
    root.elements.values().stream().filter(element -> !TRANSIENT.contains(element.type()))
        .forEach(element -> current.add(names(root).name(element.id())));
    List<IncidentView> incidents = new ArrayList<>();
    List<RetryingStep> retrying = new ArrayList<>();
    List<PendingDecision> pending = new ArrayList<>();
    for (Instance instance : tree) {
      boolean rollback = rollbackKeys.contains(instance.key);
      instance.openIncidents.values().forEach(incident -> incidents.add(new IncidentView(incident.key(),
          path(instance, incident.elementId()), incident.message(), incident.since(), incident.jobKey(), rollback)));
      instance.failingJobs.values().forEach(job -> retrying.add(new RetryingStep(job.jobKey(),
          path(instance, job.elementId()), job.message(), job.since(), job.nextAttemptAt(), rollback)));
      pending.addAll(instance.openTasks.values());
    }
    incidents.sort(Comparator.comparing(IncidentView::since));
    retrying.sort(Comparator.comparing(RetryingStep::since));
    pending.sort(Comparator.comparing(PendingDecision::createdAt));
    ObjectNode variables = variables(root, tree);
    RolloutOutcome outcome = outcome(root, variables, incidents, retrying);
    JsonNode stage = variables.get(RolloutVariables.STAGE);
    return new RolloutView(
        text(variables, RolloutVariables.ROLLOUT_ID),
        root.bpmnProcessId,
        root.key,
        Arrays.stream(Strategy.values()).filter(s -> s.processId().equals(root.bpmnProcessId))
            .map(Strategy::specName).findFirst().orElse(text(variables, RolloutVariables.STRATEGY)),
        text(variables, RolloutVariables.RUNBOOK_NAME),
        text(variables, RolloutVariables.SERVICE),
        text(variables, RolloutVariables.VERSION),
        text(variables, RolloutVariables.TICKET),
        text(variables, RolloutVariables.STARTED_BY),
        root.startedAt,
        outcome.state(),
        outcome.reason(),
        root.endedAt,
        List.copyOf(current),
        stage == null || !stage.hasNonNull("name") ? null : stage.get("name").asText(),
        variables.get(RolloutVariables.GATE),
        variables.has(RolloutVariables.STAGE_HISTORY) ? variables.get(RolloutVariables.STAGE_HISTORY)
            : json.createArrayNode(),
        List.copyOf(pending),
        decisions(tree),
        List.copyOf(incidents),
        List.copyOf(retrying),
        root.deciders,
        instances.values().stream().filter(Instance::isIncident)
            .filter(incident -> rolloutId(root) != null && rolloutId(root).equals(text(incident.variables,
                RolloutVariables.ROLLOUT_ID)))
            .map(this::incidentView).toList(),
        new RolloutView.Audit(
            text(variables, RolloutVariables.STARTED_VIA),
            text(variables, RolloutVariables.RUNBOOK_SHA256),
            text(variables, RolloutVariables.ABORTED_BY),
            text(variables, RolloutVariables.ABORTED_VIA),
            text(variables, RolloutVariables.ABORT_REASON),
            variables.get(RolloutVariables.RETRIES)));
  }

  private String rolloutId(Instance rollout) {
    return text(rollout.variables, RolloutVariables.ROLLOUT_ID);
  }

  /** An incident-response instance as people follow it: its pages, decisions and open tasks, also of what it called. */
  private ServiceIncident incidentView(Instance root) {
    List<Instance> tree = tree(root);
    List<PendingDecision> pending = new ArrayList<>();
    tree.forEach(instance -> pending.addAll(instance.openTasks.values()));
    pending.sort(Comparator.comparing(PendingDecision::createdAt));
    Set<String> current = new LinkedHashSet<>();
    root.elements.values().stream().filter(element -> !TRANSIENT.contains(element.type()))
        .forEach(element -> current.add(names(root).name(element.id())));
    ObjectNode variables = variables(root, List.of(root));
    JsonNode decisions = variables.get(RolloutVariables.DECISIONS);
    JsonNode level = variables.get(IncidentVariables.ESCALATION_LEVEL);
    return new ServiceIncident(
        text(variables, IncidentVariables.INCIDENT_ID),
        root.key,
        text(variables, RolloutVariables.SERVICE),
        text(variables, IncidentVariables.SEVERITY),
        text(variables, IncidentVariables.SUMMARY),
        root.endedAt == null ? ServiceIncident.OPEN : root.terminated ? ServiceIncident.CANCELLED
            : ServiceIncident.CLOSED,
        root.startedAt,
        root.endedAt,
        text(variables, IncidentVariables.OPENED_BY),
        text(variables, IncidentVariables.OPENED_VIA),
        text(variables, IncidentVariables.ALERT_FINGERPRINT),
        text(variables, RolloutVariables.ROLLOUT_ID),
        level == null || level.isNull() ? null : level.asInt(),
        text(variables, IncidentVariables.RESPONSE_TARGET),
        List.copyOf(current),
        orEmptyList(variables.get(IncidentVariables.PAGES)),
        variables.get(IncidentVariables.ACKNOWLEDGEMENT),
        text(variables, IncidentVariables.REMEDIATION),
        text(variables, IncidentVariables.REMEDIATION_OUTCOME),
        orEmptyList(decisions),
        decisions == null || !decisions.isArray() ? 0 : decisions.size(),
        List.copyOf(pending));
  }

  private JsonNode orEmptyList(JsonNode list) {
    return list == null || list.isNull() ? json.createArrayNode() : list;
  }

  private static List<String> deciders(JsonNode runbook) {
    List<String> deciders = new ArrayList<>();
    if (runbook != null) {
      runbook.path("approvals").path("deciders").forEach(decider -> deciders.add(decider.asText()));
    }
    return List.copyOf(deciders);
  }

  /**
   * Ended: what its end event says. Running: a rollback step that fails is a failed rollback; any other incident
   * means a step cannot run.
   */
  private RolloutOutcome outcome(Instance root, ObjectNode variables, List<IncidentView> incidents,
      List<RetryingStep> retrying) {
    if (root.endedAt != null) {
      return root.terminated ? RolloutOutcome.cancelled() : RolloutOutcome.endedAt(root.endEventId, variables);
    }
    Optional<String> rollbackProblem = incidents.stream().filter(IncidentView::duringRollback)
        .map(IncidentView::message).findFirst()
        .or(() -> retrying.stream().filter(RetryingStep::duringRollback).map(RetryingStep::message).findFirst());
    if (rollbackProblem.isPresent()) {
      return new RolloutOutcome(RolloutState.ROLLBACK_FAILED, rollbackProblem.get());
    }
    return incidents.isEmpty() ? new RolloutOutcome(RolloutState.ACTIVE, null)
        : new RolloutOutcome(RolloutState.FAILED, incidents.getFirst().message());
  }

  /** The rollout's own variables, with the {@link #FOLDED} ones as the latest any process of the rollout wrote. */
  private ObjectNode variables(Instance root, List<Instance> tree) {
    ObjectNode variables = json.createObjectNode();
    root.variables.forEach((name, value) -> variables.set(name, parse(value)));
    for (String name : FOLDED) {
      tree.stream().map(instance -> instance.anyScope.get(name)).filter(value -> value != null)
          .max(Comparator.comparingLong(Value::position))
          .ifPresent(latest -> variables.set(name, parse(latest)));
    }
    return variables;
  }

  /** The instance and every instance it called that is still running, callers first. */
  private List<Instance> tree(Instance root) {
    List<Instance> tree = new ArrayList<>();
    List<Instance> next = List.of(root);
    while (!next.isEmpty()) {
      tree.addAll(next);
      next = next.stream().flatMap(instance -> instance.children.stream()).map(instances::get)
          .filter(child -> child != null).toList();
    }
    return tree;
  }

  /** Instances of the rollback process in the rollout, and what they called. */
  private Set<Long> rollbackInstances(Instance root) {
    Set<Long> keys = new java.util.HashSet<>();
    for (Instance instance : tree(root)) {
      if (RollbackSteps.ROLLBACK_PROCESS.equals(instance.bpmnProcessId)) {
        tree(instance).forEach(inside -> keys.add(inside.key));
      }
    }
    return keys;
  }

  /**
   * Where an element of an instance is, for people: the called processes on the way down from the rollout (by their
   * names, with the sub-processes around each call), then the sub-processes around the element and the element.
   */
  private String path(Instance instance, String elementId) {
    List<String> path = new ArrayList<>(names(instance).path(elementId));
    for (Instance called = instance; called.parentKey > 0; ) {
      Instance caller = instances.get(called.parentKey);
      path.addFirst(names(called).processName());
      if (caller == null) {
        break;
      }
      Element call = caller.elements.get(called.parentElementKey);
      if (call != null) {
        List<String> around = names(caller).path(call.id());
        path.addAll(0, around.subList(0, around.size() - 1));
      }
      called = caller;
    }
    return String.join(ProcessNames.SEPARATOR, path);
  }

  private ProcessNames names(Instance instance) {
    ProcessNames names = processNames.get(instance.definitionKey);
    return names != null ? names : new ProcessNames(instance.bpmnProcessId, instance.bpmnProcessId, Map.of(), Map.of());
  }

  private String text(Map<String, Value> variables, String name) {
    JsonNode value = parse(variables.get(name));
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String text(JsonNode variables, String name) {
    JsonNode value = variables.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  private JsonNode parse(Value value) {
    if (value == null) {
      return null;
    }
    try {
      return json.readTree(value.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The engine wrote a variable that is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A variable's JSON and the position of the record that wrote it, to tell the latest of several writes. */
  private record Value(String json, long position) {}

  /**
   * Every decision any process of the rollout recorded, oldest write first. Each process appends to its own copy of
   * {@code decisions}, and a cancelled call maps its copy back to nobody, so one list alone may miss some.
   */
  private JsonNode decisions(List<Instance> tree) {
    List<Value> writes = tree.stream().flatMap(instance -> instance.decisions().stream())
        .sorted(Comparator.comparingLong(Value::position)).toList();
    Set<JsonNode> all = new LinkedHashSet<>();
    writes.forEach(write -> parse(write).forEach(all::add));
    if (all.isEmpty() && writes.stream().map(this::parse).allMatch(JsonNode::isNull)) {
      return null;
    }
    ArrayNode decisions = json.createArrayNode();
    all.forEach(decisions::add);
    return decisions;
  }

  private record Element(String id, BpmnElementType type) {}

  private record OpenIncident(long key, String elementId, String message, Instant since, Long jobKey) {}

  private record FailingJob(long jobKey, long elementInstanceKey, String elementId, String message, Instant since,
      Instant nextAttemptAt) {}

  /** What the records told about one process instance so far; saved with the checkpoints field by field. */
  @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
      isGetterVisibility = Visibility.NONE)
  private static final class Instance {
    final long key;
    String bpmnProcessId;
    long definitionKey;
    long parentKey = -1;
    long parentElementKey = -1;
    Instant startedAt;
    Instant endedAt;
    boolean terminated;
    String endEventId;
    List<String> deciders = List.of();
    final Map<Long, Element> elements = new LinkedHashMap<>();
    final Map<String, Value> variables = new HashMap<>();
    final Map<String, Value> anyScope = new HashMap<>();
    final Map<Long, PendingDecision> openTasks = new LinkedHashMap<>();
    final Map<Long, OpenIncident> openIncidents = new LinkedHashMap<>();
    final Map<Long, FailingJob> failingJobs = new LinkedHashMap<>();
    final Set<Long> children = new LinkedHashSet<>();
    /** The {@code decisions} of the processes it called that have ended. */
    final List<Value> calledDecisions = new ArrayList<>();

    @JsonCreator
    Instance(@JsonProperty("key") long key) {
      this.key = key;
    }

    void started(ProcessInstanceRecordValue process, Instant at) {
      bpmnProcessId = process.getBpmnProcessId();
      definitionKey = process.getProcessDefinitionKey();
      parentKey = process.getParentProcessInstanceKey();
      parentElementKey = process.getParentElementInstanceKey();
      startedAt = at;
    }

    void ended(boolean byTermination, Instant at) {
      terminated = byTermination;
      endedAt = at;
    }

    /** Its own {@code decisions} and those of the processes it called that have ended. */
    List<Value> decisions() {
      List<Value> decisions = new ArrayList<>(calledDecisions);
      Optional.ofNullable(variables.get(RolloutVariables.DECISIONS)).ifPresent(decisions::add);
      return decisions;
    }

    /**
     * A top-level instance started with a rollout id; called processes and other instances are not rollouts, nor is an
     * incident linked to a rollout.
     */
    boolean isRollout() {
      return bpmnProcessId != null && parentKey <= 0 && variables.containsKey(RolloutVariables.ROLLOUT_ID)
          && !isIncident();
    }

    boolean isIncident() {
      return IncidentVariables.PROCESS_ID.equals(bpmnProcessId) && parentKey <= 0;
    }
  }
}
