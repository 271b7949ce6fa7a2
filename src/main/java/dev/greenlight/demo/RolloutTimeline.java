package dev.greenlight.demo;

import dev.greenlight.engine.EmbeddedRecordFeed;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps a rollout completed, with when, read from the embedded engine's records: what the demo's summary shows
 * (which rollback steps ran, when the database was checked) without asking the process for anything.
 */
final class RolloutTimeline {

  /** A task, call activity or event of the rollout or a process it called, completed at this instant. */
  record Step(String elementId, Instant at) {}

  private final EmbeddedRecordFeed feed;
  private final Map<Long, Long> parents = new HashMap<>();
  private final List<Map.Entry<Long, Step>> steps = new ArrayList<>();

  RolloutTimeline(EmbeddedRecordFeed feed) {
    this.feed = feed;
    feed.subscribe(this::apply);
  }

  private synchronized void apply(Record<?> record) {
    if (record.getValueType() != ValueType.PROCESS_INSTANCE || record.getRecordType() != RecordType.EVENT
        || record.getIntent() != ProcessInstanceIntent.ELEMENT_COMPLETED) {
      return;
    }
    ProcessInstanceRecordValue value = (ProcessInstanceRecordValue) record.getValue();
    if (value.getBpmnElementType() == BpmnElementType.PROCESS) {
      return;
    }
    if (value.getParentProcessInstanceKey() > 0) {
      parents.put(value.getProcessInstanceKey(), value.getParentProcessInstanceKey());
    }
    steps.add(Map.entry(value.getProcessInstanceKey(),
        new Step(value.getElementId(), Instant.ofEpochMilli(record.getTimestamp()))));
  }

  /** The steps of the rollout and every process it called, in the order they completed. */
  List<Step> steps(long rolloutInstance) {
    feed.catchUp();
    synchronized (this) {
      return steps.stream().filter(step -> belongsTo(step.getKey(), rolloutInstance)).map(Map.Entry::getValue).toList();
    }
  }

  Optional<Step> first(long rolloutInstance, String elementId) {
    return steps(rolloutInstance).stream().filter(step -> step.elementId().equals(elementId)).findFirst();
  }

  private boolean belongsTo(long instance, long root) {
    Long current = instance;
    while (current != null) {
      if (current == root) {
        return true;
      }
      current = parents.get(current);
    }
    return false;
  }
}
