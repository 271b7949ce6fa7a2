package dev.greenlight.processes;

import static org.awaitility.Awaitility.await;

import dev.greenlight.engine.EmbeddedUserTasks;
import dev.greenlight.support.EngineRecords;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives a runbook process on the embedded engine the way time and people would: starts it, moves the engine's clock
 * (timers fire, real workers run against the stand-ins), answers its decisions, and reads where it went.
 */
final class RolloutDriver {

  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);

  private final CamundaClient client;
  private final ZeebeTestEngine engine;
  private final EmbeddedUserTasks userTasks;
  private final EngineRecords records;

  RolloutDriver(CamundaClient client, ZeebeTestEngine engine, EmbeddedUserTasks userTasks) {
    this.client = client;
    this.engine = engine;
    this.userTasks = userTasks;
    this.records = new EngineRecords(engine);
  }

  long start(String processId, Map<String, Object> variables) {
    long instance = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .variables(variables).send().join().getProcessInstanceKey();
    settle();
    return instance;
  }

  /**
   * Cancels every rollout earlier tests left running (the engine and the stand-in are shared), so that their timers
   * and jobs cannot act on the stand-in, or page and post, while the next test runs.
   */
  void cancelLeftovers() {
    Set<Long> running = new HashSet<>();
    for (Record<?> record : records.all()) {
      if (record.getValueType() != ValueType.PROCESS_INSTANCE || record.getRecordType() != RecordType.EVENT) {
        continue;
      }
      ProcessInstanceRecordValue value = (ProcessInstanceRecordValue) record.getValue();
      if (value.getBpmnElementType() != BpmnElementType.PROCESS || value.getParentProcessInstanceKey() > 0) {
        continue;
      }
      switch ((ProcessInstanceIntent) record.getIntent()) {
        case ELEMENT_ACTIVATED -> running.add(value.getProcessInstanceKey());
        case ELEMENT_COMPLETED, ELEMENT_TERMINATED -> running.remove(value.getProcessInstanceKey());
        default -> { }
      }
    }
    running.forEach(instance -> client.newCancelInstanceCommand(instance).send().join());
    settle();
  }

  /** Moves the engine's clock forward in steps, letting the workers finish what each step triggers. */
  void advance(Duration total, Duration step) {
    for (Duration passed = Duration.ZERO; passed.compareTo(total) < 0; passed = passed.plus(step)) {
      engine.increaseTime(step);
      settle();
    }
  }

  /**
   * Waits until the engine is idle, every job it created has been completed, errored or has no retries left (a person
   * giving it retries again opens it again), and
   * nothing new was written for a moment: a timer due after a time jump fires asynchronously, shortly after the jump.
   */
  void settle() {
    int[] quietPolls = {0};
    int[] lastCount = {-1};
    await().atMost(SETTLE_LIMIT).pollInterval(Duration.ofMillis(40)).until(() -> {
      engine.waitForIdleState(SETTLE_LIMIT);
      int count = records.all().size();
      boolean quiet = count == lastCount[0] && openJobs() == 0;
      lastCount[0] = count;
      quietPolls[0] = quiet ? quietPolls[0] + 1 : 0;
      return quietPolls[0] >= 2;
    });
  }

  private long openJobs() {
    Map<Long, Boolean> open = new HashMap<>();
    for (Record<?> record : records.all()) {
      if (record.getValueType() != ValueType.JOB || record.getRecordType() != RecordType.EVENT) {
        continue;
      }
      JobRecordValue job = (JobRecordValue) record.getValue();
      JobIntent intent = (JobIntent) record.getIntent();
      switch (intent) {
        case CREATED -> open.put(record.getKey(), true);
        case COMPLETED, ERROR_THROWN, CANCELED -> open.put(record.getKey(), false);
        case FAILED, RETRIES_UPDATED -> open.put(record.getKey(), job.getRetries() > 0);
        default -> { }
      }
    }
    return open.values().stream().filter(Boolean::booleanValue).count();
  }

  /** The open user task of this rollout (or of a process it called) at the element, waiting for it to appear. */
  UserTaskRecordValue task(long instance, String elementId) {
    try {
      return await().atMost(SETTLE_LIMIT).until(() -> userTasks.open().stream()
          .filter(t -> t.getElementId().equals(elementId))
          .filter(t -> family(instance).contains(t.getProcessInstanceKey()))
          .findFirst().orElse(null), task -> task != null);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("No open task '" + elementId + "'; " + describe(instance), e);
    }
  }

  List<UserTaskRecordValue> tasks(long instance, String elementId) {
    Set<Long> family = family(instance);
    return userTasks.open().stream()
        .filter(t -> t.getElementId().equals(elementId) && family.contains(t.getProcessInstanceKey()))
        .toList();
  }

  /** Answers a decision task as a person would through the inbox. */
  void decide(UserTaskRecordValue task, String outcome, String by) {
    Map<String, Object> decision = new HashMap<>();
    decision.put("outcome", outcome);
    decision.put("decidedBy", by);
    decision.put("decidedAt", Instant.now().toString());
    decision.put("comment", "decided by the process test");
    decision.put("fields", Map.of());
    decision.put("task", task.getElementId());
    decision.put("role", task.getCandidateGroupsList().isEmpty() ? "" : task.getCandidateGroupsList().get(0));
    userTasks.complete(task.getUserTaskKey(), Map.of("decision", decision));
    settle();
  }

  void decide(long instance, String elementId, String outcome) {
    decide(task(instance, elementId), outcome, "process-test");
  }

  /** Completes a task with form fields in the decision, as the incident forms send them. */
  void decideWithFields(long instance, String elementId, Map<String, Object> fields) {
    UserTaskRecordValue task = task(instance, elementId);
    userTasks.complete(task.getUserTaskKey(), Map.of("decision",
        Map.of("outcome", "go", "decidedBy", "process-test", "comment", "", "fields", fields)));
    settle();
  }

  void publish(String messageName, String correlationKey, Map<String, Object> variables) {
    client.newPublishMessageCommand().messageName(messageName).correlationKey(correlationKey)
        .variables(variables).send().join();
    settle();
  }

  /** Publishes a message that starts a process (no correlation key). */
  void publishStart(String messageName, Map<String, Object> variables) {
    client.newPublishMessageCommand().messageName(messageName).withoutCorrelationKey()
        .variables(variables).send().join();
    settle();
  }

  /** The most recently started instance of a process. */
  long latestInstanceOf(String processId) {
    return records.all().stream()
        .filter(r -> r.getValueType() == ValueType.PROCESS_INSTANCE && r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
        .map(r -> (ProcessInstanceRecordValue) r.getValue())
        .filter(v -> v.getBpmnProcessId().equals(processId) && v.getBpmnElementType() == io.camunda.zeebe.protocol.record.value.BpmnElementType.PROCESS)
        .reduce((first, second) -> second)
        .map(ProcessInstanceRecordValue::getProcessInstanceKey)
        .orElseThrow(() -> new AssertionError("No instance of " + processId + " was started"));
  }

  boolean completed(long instance) {
    return records.isCompleted(instance);
  }

  /** Element ids reached (activated) in this rollout and the processes it called, in order. */
  List<String> path(long instance) {
    Set<Long> family = family(instance);
    return records.all().stream()
        .filter(r -> r.getValueType() == ValueType.PROCESS_INSTANCE && r.getRecordType() == RecordType.EVENT)
        .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
        .map(r -> (ProcessInstanceRecordValue) r.getValue())
        .filter(v -> family.contains(v.getProcessInstanceKey()))
        .map(ProcessInstanceRecordValue::getElementId)
        .toList();
  }

  /** For failure messages: where the rollout went and what incidents it raised. */
  String describe(long instance) {
    return "path " + path(instance) + ", incident: " + incident(instance);
  }

  /** Every value a variable took in the rollout and the processes it called, in order. */
  List<Object> values(long instance, String name) {
    Set<Long> family = family(instance);
    return records.all().stream()
        .filter(r -> r.getValueType() == ValueType.VARIABLE && r.getRecordType() == RecordType.EVENT)
        .map(r -> (io.camunda.zeebe.protocol.record.value.VariableRecordValue) r.getValue())
        .filter(v -> v.getName().equals(name) && family.contains(v.getProcessInstanceKey()))
        .map(v -> EngineRecords.parse(v.getValue()))
        .toList();
  }

  /** The latest value of a variable in this rollout or a process it called, parsed from JSON; null when never set. */
  Object variable(long instance, String name) {
    Set<Long> family = family(instance);
    return records.all().stream()
        .filter(r -> r.getValueType() == ValueType.VARIABLE && r.getRecordType() == RecordType.EVENT)
        .map(r -> (VariableRecordValue) r.getValue())
        .filter(v -> family.contains(v.getProcessInstanceKey()) && v.getName().equals(name))
        .reduce((first, second) -> second)
        .map(v -> records.variable(v.getProcessInstanceKey(), name))
        .orElse(null);
  }

  String incident(long instance) {
    Set<Long> family = family(instance);
    return family.stream().map(records::incidentMessage).filter(m -> m != null).findFirst().orElse(null);
  }

  /** The instance and every instance it called, directly or not. */
  Set<Long> family(long instance) {
    Set<Long> family = new HashSet<>(Set.of(instance));
    boolean grew = true;
    List<ProcessInstanceRecordValue> processes = records.all().stream()
        .filter(r -> r.getValueType() == ValueType.PROCESS_INSTANCE && r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
        .map(r -> (ProcessInstanceRecordValue) r.getValue())
        .filter(v -> v.getParentProcessInstanceKey() > 0)
        .toList();
    while (grew) {
      grew = false;
      for (ProcessInstanceRecordValue value : processes) {
        if (family.contains(value.getParentProcessInstanceKey()) && family.add(value.getProcessInstanceKey())) {
          grew = true;
        }
      }
    }
    return family;
  }
}
