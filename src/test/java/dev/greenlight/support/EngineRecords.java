package dev.greenlight.support;

import dev.greenlight.engine.EngineRecordLog;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.util.List;

/** Reads what happened from the embedded engine's record stream. */
public final class EngineRecords {

  private final ZeebeTestEngine engine;

  public EngineRecords(ZeebeTestEngine engine) {
    this.engine = engine;
  }

  public List<Record<?>> all() {
    return EngineRecordLog.snapshot(engine);
  }

  /** Element ids that completed in the process instance, in order. */
  public List<String> completedElements(long processInstanceKey) {
    return processInstanceEvents(processInstanceKey, ProcessInstanceIntent.ELEMENT_COMPLETED).stream()
        .map(ProcessInstanceRecordValue::getElementId)
        .toList();
  }

  public boolean isCompleted(long processInstanceKey) {
    return processInstanceEvents(processInstanceKey, ProcessInstanceIntent.ELEMENT_COMPLETED).stream()
        .anyMatch(value -> value.getBpmnElementType() == BpmnElementType.PROCESS);
  }

  /** The latest value of a variable anywhere in the instance, parsed from JSON; null when never set. */
  public Object variable(long processInstanceKey, String name) {
    String json = all().stream()
        .filter(r -> r.getValueType() == ValueType.VARIABLE && r.getRecordType() == RecordType.EVENT)
        .map(r -> (VariableRecordValue) r.getValue())
        .filter(v -> v.getProcessInstanceKey() == processInstanceKey && v.getName().equals(name))
        .reduce((first, second) -> second)
        .map(VariableRecordValue::getValue)
        .orElse(null);
    return json == null ? null : parse(json);
  }

  /** A variable value as the engine stores it (JSON), parsed. */
  public static Object parse(String json) {
    try {
      return new ObjectMapper().readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A variable value is not JSON: " + json, e);
    }
  }

  /** The error message of the first incident raised in the instance, or null. */
  public String incidentMessage(long processInstanceKey) {
    return all().stream()
        .filter(r -> r.getValueType() == ValueType.INCIDENT && r.getIntent() == IncidentIntent.CREATED)
        .map(r -> (IncidentRecordValue) r.getValue())
        .filter(v -> v.getProcessInstanceKey() == processInstanceKey)
        .map(IncidentRecordValue::getErrorMessage)
        .findFirst().orElse(null);
  }

  public List<ProcessInstanceRecordValue> processInstanceEvents(long processInstanceKey, ProcessInstanceIntent intent) {
    return all().stream()
        .filter(r -> r.getValueType() == ValueType.PROCESS_INSTANCE && r.getRecordType() == RecordType.EVENT)
        .filter(r -> r.getIntent() == intent)
        .map(r -> (ProcessInstanceRecordValue) r.getValue())
        .filter(v -> v.getProcessInstanceKey() == processInstanceKey)
        .toList();
  }
}
