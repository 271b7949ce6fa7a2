package dev.greenlight.rehearsal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.Process;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Where a rehearsal's timeline is written from: the engine's records (read as they arrive through the record feed)
 * and the stand-ins' calls, in the order they happened, into the {@link RolloutTimeline} of the rollout being
 * rehearsed. One rehearsal at a time: the stand-ins cannot tell rollouts apart, so {@link Rehearsals} runs them one
 * after the other. Also what the metric stand-in asks for its readings: it knows the stage being watched.
 */
@Component
@Profile(RehearsalApplication.PROFILE)
public class RehearsalRecorder {

  /** Variables the timeline tells about; the others are not even parsed. */
  private static final Set<String> TOLD = Set.of(RolloutVariables.STAGE, RolloutVariables.GATE, "report");

  private final EmbeddedRecordFeed feed;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final ProcessModels models = new ProcessModels();
  private RolloutTimeline timeline;

  public RehearsalRecorder(EmbeddedRecordFeed feed, Clock clock) {
    this.feed = feed;
    this.clock = clock;
    feed.subscribe(this::accept);
  }

  /** Opens the timeline of the next rollout started; until {@link #finish} every record and call goes to it. */
  synchronized void begin(RunbookSpec runbook, String breachStage) {
    timeline = new RolloutTimeline(runbook, breachStage, clock.instant());
  }

  /**
   * Closes the timeline with its last line.
   *
   * @param endState the rollout's state, when it ended
   * @param stuck why the rollout could not go on, when it did not end
   */
  Finished finish(RolloutState endState, String stuck) {
    feed.catchUp();
    synchronized (this) {
      Instant now = clock.instant();
      List<TimelineEntry> entries = timeline.finish(endState, stuck, now);
      Duration rolloutTime = timeline.since(now);
      timeline = null;
      return new Finished(entries, rolloutTime);
    }
  }

  /** The timeline and how much rollout time it covers. */
  record Finished(List<TimelineEntry> timeline, Duration rolloutTime) {}

  /** A stand-in was asked to do something: it goes on the timeline under the step that asked. */
  public void call(String system, String what) {
    feed.catchUp();
    synchronized (this) {
      if (timeline != null) {
        timeline.called(system, what, clock.instant());
      }
    }
  }

  /**
   * What the metric source reads for a query now: healthy for the stage being watched, or breaking its thresholds
   * when it is the stage to breach. Empty when no rehearsal is running.
   */
  public OptionalDouble reading(String query) {
    feed.catchUp();
    synchronized (this) {
      if (timeline == null) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(StageReadings.reading(timeline.runbook(), timeline.stage(), timeline.breaching(),
          query));
    }
  }

  private synchronized void accept(Record<?> record) {
    if (record.getRecordType() != RecordType.EVENT) {
      return;
    }
    if (record.getValue() instanceof Process process) {
      models.remember(process);
      return;
    }
    if (timeline == null) {
      return;
    }
    Instant at = Instant.ofEpochMilli(record.getTimestamp());
    switch (record.getValue()) {
      case ProcessInstanceRecordValue element -> element((ProcessInstanceIntent) record.getIntent(), element, at);
      case TimerRecordValue timer when record.getIntent() == TimerIntent.CREATED -> timeline.timerSet(
          timer.getProcessInstanceKey(), models.element(timer.getProcessDefinitionKey(), timer.getTargetElementId()),
          Duration.between(at, Instant.ofEpochMilli(timer.getDueDate())), at);
      case VariableRecordValue variable when TOLD.contains(variable.getName()) ->
          timeline.variableSet(variable.getProcessInstanceKey(), variable.getName(), parse(variable.getValue()), at);
      case UserTaskRecordValue task when record.getIntent() == UserTaskIntent.COMPLETED -> timeline.decided(
          task.getProcessInstanceKey(), models.element(task.getProcessDefinitionKey(), task.getElementId()).name(),
          task.getVariables().get(RolloutVariables.DECISION) instanceof Map<?, ?> decision ? decision : null, at);
      case IncidentRecordValue incident when record.getIntent() == IncidentIntent.CREATED ->
          timeline.incident(incident.getProcessInstanceKey(), incident.getErrorMessage(), at);
      default -> { }
    }
  }

  private void element(ProcessInstanceIntent intent, ProcessInstanceRecordValue element, Instant at) {
    long instance = element.getProcessInstanceKey();
    if (element.getBpmnElementType() == BpmnElementType.PROCESS) {
      switch (intent) {
        case ELEMENT_ACTIVATING -> timeline.processStarted(instance, element.getParentProcessInstanceKey(),
            element.getBpmnProcessId(), at);
        case ELEMENT_COMPLETED -> timeline.processEnded(instance, true, at);
        case ELEMENT_TERMINATED -> timeline.processEnded(instance, false, at);
        default -> { }
      }
    } else if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
      timeline.reached(instance, element.getBpmnElementType(), element.getFlowScopeKey() == instance,
          models.element(element.getProcessDefinitionKey(), element.getElementId()), at);
    }
  }

  private JsonNode parse(String variableJson) {
    try {
      return json.readTree(variableJson);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The engine wrote a variable that is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
