package dev.greenlight.rehearsal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.inbox.DecisionOutcome;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Writes the timeline of the rollout being rehearsed, as a person following it would tell it: the steps of the rollout
 * and of its rollback (read from the engine's records), the stages and their gates, the waits, the decisions, and what
 * each outside system was asked to do (told by the stand-ins). One rehearsal at a time: the stand-ins cannot tell
 * rollouts apart, so {@link Rehearsals} runs them one after the other. Also the stand-ins' source for what stage is
 * being watched, so the metric source can answer for it.
 */
@Component
@Profile(RehearsalApplication.PROFILE)
public class RehearsalRecorder {

  /** Called processes whose inner steps the timeline leaves out: their outside calls and results say what they did. */
  private static final Set<String> SUMMARIZED = Set.of("monitoring-window", "release-version", "sign-offs",
      "daily-report");
  private static final String WATCH = "monitoring-window";
  private static final String REPORT = "report";

  private final EmbeddedRecordFeed feed;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final ProcessModels models = new ProcessModels();
  private Session session;

  public RehearsalRecorder(EmbeddedRecordFeed feed, Clock clock) {
    this.feed = feed;
    this.clock = clock;
    feed.subscribe(this::accept);
  }

  /** Opens the timeline of the next rollout started; until {@link #finish} every record and call goes to it. */
  synchronized void begin(RunbookSpec runbook, String breachStage) {
    session = new Session(runbook, breachStage, clock.instant());
  }

  /**
   * Closes the timeline with its last line: the end state with what caused it, or why the rehearsal could not go on.
   *
   * @param endState the rollout's state, when it ended
   * @param stuck why the rollout could not go on, when it did not end
   */
  Finished finish(String endState, String stuck) {
    feed.catchUp();
    synchronized (this) {
      Session finished = session;
      session = null;
      if (stuck != null) {
        finished.add(finished.now(clock), "stuck", 0, stuck);
      } else {
        finished.add(finished.now(clock), "ended", 0, endState + ": " + (finished.endEvent == null
            ? "the process ended" : finished.endEvent) + (finished.cause == null ? "" : " — " + finished.cause));
      }
      return new Finished(List.copyOf(finished.entries), finished.now(clock));
    }
  }

  /** The timeline and how much rollout time it covers. */
  record Finished(List<TimelineEntry> timeline, Duration rolloutTime) {}

  /** A stand-in was asked to do something: it goes on the timeline under the step that asked. */
  public void call(String system, String what) {
    feed.catchUp();
    synchronized (this) {
      if (session != null) {
        session.add(session.now(clock), system, session.callDepth, what);
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
      if (session == null) {
        return OptionalDouble.empty();
      }
      boolean breach = session.stage != null && session.stage.name().equals(session.breachStage);
      return OptionalDouble.of(StageReadings.reading(session.runbook, session.stage, breach, query));
    }
  }

  private synchronized void accept(Record<?> record) {
    if (record.getRecordType() != RecordType.EVENT) {
      return;
    }
    switch (record.getValueType()) {
      case PROCESS -> models.remember((Process) record.getValue());
      case PROCESS_INSTANCE -> {
        if (session != null) {
          element(record, (ProcessInstanceRecordValue) record.getValue());
        }
      }
      case TIMER -> {
        if (session != null && record.getIntent() == TimerIntent.CREATED) {
          timer(record, (TimerRecordValue) record.getValue());
        }
      }
      case VARIABLE -> {
        if (session != null) {
          variable(record, (VariableRecordValue) record.getValue());
        }
      }
      case USER_TASK -> {
        if (session != null && record.getIntent() == UserTaskIntent.COMPLETED) {
          decided(record, (UserTaskRecordValue) record.getValue());
        }
      }
      case INCIDENT -> {
        IncidentRecordValue incident = (IncidentRecordValue) record.getValue();
        if (session != null && record.getIntent() == IncidentIntent.CREATED
            && session.depth.containsKey(incident.getProcessInstanceKey())) {
          session.add(at(record), "incident", 0, incident.getErrorMessage());
        }
      }
      default -> { }
    }
  }

  /** A question was answered: its decision, as the inbox wrote it into the process. */
  private void decided(Record<?> record, UserTaskRecordValue task) {
    long instance = task.getProcessInstanceKey();
    if (!session.depth.containsKey(instance)) {
      return;
    }
    String name = models.element(task.getProcessDefinitionKey(), task.getElementId()).name();
    if (!(task.getVariables().get(RolloutVariables.DECISION) instanceof Map<?, ?> decision)) {
      session.add(at(record), "decision", session.depthOf(instance), name + ": completed without a decision");
      return;
    }
    String outcome = String.valueOf(decision.get("outcome"));
    session.add(at(record), "decision", session.depthOf(instance), name + ": " + outcome + " by "
        + decision.get("decidedBy") + " as " + decision.get("role"));
    if (DecisionOutcome.NO_GO.word().equals(outcome)) {
      session.causedBy("no-go on '" + name + "' by " + decision.get("decidedBy"));
    }
  }

  private void element(Record<?> record, ProcessInstanceRecordValue element) {
    ProcessInstanceIntent intent = (ProcessInstanceIntent) record.getIntent();
    long instance = element.getProcessInstanceKey();
    if (element.getBpmnElementType() == BpmnElementType.PROCESS) {
      if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATING) {
        processStarted(record, element);
      } else if (session.watch != null && session.watch.instance == instance) {
        if (intent == ProcessInstanceIntent.ELEMENT_COMPLETED) {
          watchEnded(record);
        } else if (intent == ProcessInstanceIntent.ELEMENT_TERMINATED) {
          session.watch = null;
        }
      }
      return;
    }
    if (!session.depth.containsKey(instance) || intent != ProcessInstanceIntent.ELEMENT_ACTIVATED) {
      return;
    }
    ProcessModels.Element model = models.element(element.getProcessDefinitionKey(), element.getElementId());
    boolean topLevel = element.getFlowScopeKey() == instance;
    if (element.getBpmnElementType() == BpmnElementType.END_EVENT && topLevel) {
      if (instance == session.root) {
        session.endEvent = model.name();
      } else if (session.watch != null && instance == session.watch.instance) {
        session.watch.endEvent = model.name();
      }
    }
    if (SUMMARIZED.contains(session.processes.get(instance))) {
      return;
    }
    int depth = session.depthOf(instance);
    switch (element.getBpmnElementType()) {
      case SERVICE_TASK -> step(record, depth, model.name());
      case CALL_ACTIVITY -> {
        if (!WATCH.equals(model.calledProcess())) {
          step(record, depth, model.name());
        }
      }
      case BOUNDARY_EVENT -> {
        session.add(at(record), "event", depth, model.name());
        if (model.errorBoundary()) {
          session.causedBy(model.name().toLowerCase());
        }
      }
      default -> { }
    }
  }

  private void step(Record<?> record, int depth, String name) {
    session.add(at(record), "step", depth, name);
    session.callDepth = depth + 1;
  }

  private void processStarted(Record<?> record, ProcessInstanceRecordValue process) {
    long instance = process.getProcessInstanceKey();
    long parent = process.getParentProcessInstanceKey();
    if (parent < 0) {
      if (session.root != null) {
        return;
      }
      session.root = instance;
      session.depth.put(instance, 0);
    } else if (session.depth.containsKey(parent)) {
      session.depth.put(instance, session.depth.get(parent) + 1);
    } else {
      return;
    }
    session.processes.put(instance, process.getBpmnProcessId());
    if (WATCH.equals(process.getBpmnProcessId())) {
      session.watch = new Watch(instance, Instant.ofEpochMilli(record.getTimestamp()));
    }
  }

  private void watchEnded(Record<?> record) {
    Watch watch = session.watch;
    session.watch = null;
    if (watch.stage == null || watch.breached) {
      return;
    }
    String counts = watch.counts.size() == 1
        ? "all " + watch.counts.keySet().iterator().next()
        : String.join(", ", watch.counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    session.add(at(record), "gate", session.depthOf(watch.instance), watch.stage + ": "
        + (watch.endEvent == null ? "watch ended" : watch.endEvent.toLowerCase()) + " after " + watch.measurements
        + (watch.measurements == 1 ? " measurement" : " measurements") + " over "
        + HumanTime.span(Duration.between(watch.startedAt, Instant.ofEpochMilli(record.getTimestamp())))
        + " (" + counts + ")");
  }

  private void timer(Record<?> record, TimerRecordValue timer) {
    long instance = timer.getProcessInstanceKey();
    if (!session.depth.containsKey(instance) || SUMMARIZED.contains(session.processes.get(instance))) {
      return;
    }
    ProcessModels.Element model = models.element(timer.getProcessDefinitionKey(), timer.getTargetElementId());
    if (model.waits()) {
      Duration wait = Duration.between(Instant.ofEpochMilli(record.getTimestamp()),
          Instant.ofEpochMilli(timer.getDueDate()));
      session.add(at(record), "wait", session.depthOf(instance), model.name() + ": " + HumanTime.span(wait));
    }
  }

  private void variable(Record<?> record, VariableRecordValue variable) {
    long instance = variable.getProcessInstanceKey();
    if (!session.depth.containsKey(instance)) {
      return;
    }
    switch (variable.getName()) {
      case RolloutVariables.STAGE -> stage(record, instance, parse(variable.getValue()));
      // a called process hands its variables back to its caller: only the first sighting is news
      case RolloutVariables.GATE -> {
        if (session.watch != null && session.watch.instance == instance) {
          gate(record, instance, parse(variable.getValue()));
        }
      }
      case REPORT -> {
        JsonNode report = parse(variable.getValue());
        if (session.reports.add(report.path("id").asText())) {
          session.add(at(record), "report", session.callDepth,
              report.path("kind").asText() + ": " + report.path("summary").asText());
        }
      }
      default -> { }
    }
  }

  private void stage(Record<?> record, long instance, JsonNode value) {
    String name = value.path("name").asText(null);
    if (name == null || session.stage != null && session.stage.name().equals(name)) {
      return;
    }
    session.stage = session.runbook.stages().stream().filter(stage -> stage.name().equals(name)).findFirst()
        .orElse(null);
    if (session.stage != null) {
      boolean breach = name.equals(session.breachStage);
      session.add(at(record), "stage", session.depthOf(instance), StageText.describe(session.runbook, session.stage)
          + (breach ? " — rehearsed with readings that break its thresholds" : ""));
    }
  }

  private void gate(Record<?> record, long instance, JsonNode gate) {
    Watch watch = session.watch;
    String verdict = gate.path("verdict").asText();
    boolean breached = gate.path("breached").asBoolean();
    String stage = gate.path("stage").asText();
    boolean first = watch.measurements == 0;
    boolean changed = !verdict.equals(watch.lastVerdict);
    watch.stage = stage;
    watch.measurements++;
    watch.counts.merge(verdict, 1, Integer::sum);
    watch.lastVerdict = verdict;
    if (breached) {
      watch.breached = true;
      String reason = gate.path("breachReason").asText();
      session.add(at(record), "gate", session.depthOf(instance), stage + ": breached — " + reason);
      session.causedBy("stage " + stage + " breached: " + reason);
    } else if (first || changed) {
      session.add(at(record), "gate", session.depthOf(instance), stage + ": " + verdict + " — "
          + StageText.readings(gate.path("metrics")));
    }
  }

  private Duration at(Record<?> record) {
    return session.since(Instant.ofEpochMilli(record.getTimestamp()));
  }

  private JsonNode parse(String variableJson) {
    try {
      return json.readTree(variableJson);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The engine wrote a variable that is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** What is known of the rollout being rehearsed. */
  private static final class Session {
    final RunbookSpec runbook;
    final String breachStage;
    final Instant startedAt;
    final List<TimelineEntry> entries = new ArrayList<>();
    /** The rollout's process instance and the ones it called, with how deep each is. */
    final Map<Long, Integer> depth = new HashMap<>();
    final Map<Long, String> processes = new HashMap<>();
    final Set<String> reports = new HashSet<>();
    Long root;
    /** Where an outside call goes: one deeper than the step that made it. */
    int callDepth = 1;
    Stage stage;
    Watch watch;
    String endEvent;
    String cause;

    Session(RunbookSpec runbook, String breachStage, Instant startedAt) {
      this.runbook = runbook;
      this.breachStage = breachStage;
      this.startedAt = startedAt;
    }

    void add(Duration at, String kind, int depth, String text) {
      entries.add(new TimelineEntry(at, kind, depth, text));
    }

    Duration since(Instant instant) {
      Duration at = Duration.between(startedAt, instant);
      return at.isNegative() ? Duration.ZERO : at;
    }

    Duration now(Clock clock) {
      return since(clock.instant());
    }

    int depthOf(long instance) {
      return depth.getOrDefault(instance, 0);
    }

    /** The first thing that turned the rollout from its path is what its end state is blamed on. */
    void causedBy(String what) {
      if (cause == null) {
        cause = what;
      }
    }
  }

  /** One stage's monitoring window: how its gate went. */
  private static final class Watch {
    final long instance;
    final Instant startedAt;
    final Map<String, Integer> counts = new LinkedHashMap<>();
    String stage;
    int measurements;
    String lastVerdict;
    boolean breached;
    String endEvent;

    Watch(long instance, Instant startedAt) {
      this.instance = instance;
      this.startedAt = startedAt;
    }
  }
}
