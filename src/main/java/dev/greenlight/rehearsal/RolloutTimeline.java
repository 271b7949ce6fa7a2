package dev.greenlight.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.inbox.DecisionOutcome;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The story of one rehearsed rollout, told from what happened to it: which steps it reached (of the rollout and of its
 * rollback; the inner steps of the processes it calls for a release, a stage's watch, sign-offs or a report are
 * summarized by their outside calls, gates, decisions and reports), the stages and their gates, the waits, the
 * decisions and what each outside system was asked. Times are rollout time. Not thread-safe: the
 * {@link RehearsalRecorder} feeds it under its lock.
 */
final class RolloutTimeline {

  private static final Set<String> SUMMARIZED = Set.of("monitoring-window", "release-version", "sign-offs",
      "daily-report");
  private static final String WATCH = "monitoring-window";
  private static final String REPORT = "report";

  private final RunbookSpec runbook;
  private final String breachStage;
  private final Instant startedAt;
  private final List<TimelineEntry> entries = new ArrayList<>();
  /** The rollout's process instance and those it called, with how deep each is and which process it runs. */
  private final Map<Long, Integer> depth = new HashMap<>();
  private final Map<Long, String> processes = new HashMap<>();
  private final Set<String> reports = new HashSet<>();
  private Long root;
  /** Where an outside call goes: one deeper than the step that made it. */
  private int callDepth = 1;
  private Stage stage;
  private Watch watch;
  private String endEvent;
  private String cause;

  RolloutTimeline(RunbookSpec runbook, String breachStage, Instant startedAt) {
    this.runbook = runbook;
    this.breachStage = breachStage;
    this.startedAt = startedAt;
  }

  /** The first process instance started at the top is the rollout; the ones it calls belong to it. */
  void processStarted(long instance, long parent, String processId, Instant at) {
    if (parent < 0 && root == null) {
      root = instance;
      depth.put(instance, 0);
    } else if (parent >= 0 && depth.containsKey(parent)) {
      depth.put(instance, depth.get(parent) + 1);
    } else {
      return;
    }
    processes.put(instance, processId);
    if (WATCH.equals(processId)) {
      watch = new Watch(instance, at);
    }
  }

  void processEnded(long instance, boolean completed, Instant at) {
    if (watch == null || watch.instance != instance) {
      return;
    }
    Watch ended = watch;
    watch = null;
    if (completed && ended.stage != null && !ended.breached) {
      add(at, "gate", depthOf(ended.instance), ended.stage + ": " + (ended.endEvent == null ? "watch ended"
          : ended.endEvent.toLowerCase()) + " after " + ended.measurements
          + (ended.measurements == 1 ? " measurement" : " measurements") + " over "
          + HumanTime.span(Duration.between(ended.startedAt, at)) + " (" + ended.counts() + ")");
    }
  }

  /** An element of one of the rollout's process instances was entered. */
  void reached(long instance, BpmnElementType type, boolean topLevel, ProcessModels.Element element, Instant at) {
    if (!depth.containsKey(instance)) {
      return;
    }
    if (type == BpmnElementType.END_EVENT && topLevel) {
      if (instance == root) {
        endEvent = element.name();
      } else if (watch != null && watch.instance == instance) {
        watch.endEvent = element.name();
      }
    }
    if (SUMMARIZED.contains(processes.get(instance))) {
      return;
    }
    int stepDepth = depthOf(instance);
    switch (type) {
      case SERVICE_TASK -> step(at, stepDepth, element.name());
      case CALL_ACTIVITY -> {
        if (!WATCH.equals(element.calledProcess())) {
          step(at, stepDepth, element.name());
        }
      }
      case BOUNDARY_EVENT -> {
        add(at, "event", stepDepth, element.name());
        if (element.errorBoundary()) {
          causedBy(element.name().toLowerCase());
        }
      }
      default -> { }
    }
  }

  /** A timer of the rollout was set; an intermediate timer is a wait the rollout sits in. */
  void timerSet(long instance, ProcessModels.Element element, Duration wait, Instant at) {
    if (depth.containsKey(instance) && !SUMMARIZED.contains(processes.get(instance)) && element.waits()) {
      add(at, "wait", depthOf(instance), element.name() + ": " + HumanTime.span(wait));
    }
  }

  void variableSet(long instance, String name, JsonNode value, Instant at) {
    if (!depth.containsKey(instance)) {
      return;
    }
    switch (name) {
      case RolloutVariables.STAGE -> stageStarted(instance, value, at);
      // a called process hands its variables back to its caller: only the first sighting is news
      case RolloutVariables.GATE -> {
        if (watch != null && watch.instance == instance) {
          measured(instance, value, at);
        }
      }
      case REPORT -> {
        if (reports.add(value.path("id").asText())) {
          add(at, "report", callDepth, value.path("kind").asText() + ": " + value.path("summary").asText());
        }
      }
      default -> { }
    }
  }

  /** A question was answered: its decision as the inbox wrote it into the process, null when it wrote none. */
  void decided(long instance, String task, Map<?, ?> decision, Instant at) {
    if (!depth.containsKey(instance)) {
      return;
    }
    if (decision == null) {
      add(at, "decision", depthOf(instance), task + ": completed without a decision");
      return;
    }
    String outcome = String.valueOf(decision.get("outcome"));
    add(at, "decision", depthOf(instance), task + ": " + outcome + " by " + decision.get("decidedBy") + " as "
        + decision.get("role"));
    if (DecisionOutcome.NO_GO.word().equals(outcome)) {
      causedBy("no-go on '" + task + "' by " + decision.get("decidedBy"));
    }
  }

  void incident(long instance, String message, Instant at) {
    if (depth.containsKey(instance)) {
      add(at, "incident", 0, message);
    }
  }

  /** An outside system was asked to do something, by the step last reached. */
  void called(String system, String what, Instant at) {
    add(at, system, callDepth, what);
  }

  RunbookSpec runbook() {
    return runbook;
  }

  /** The stage being watched, null before the first one. */
  Stage stage() {
    return stage;
  }

  boolean breaching() {
    return stage != null && stage.name().equals(breachStage);
  }

  /**
   * The timeline closed by its last line: the end state with what turned the rollout from its path (a rollout that
   * went on after a breach, because a person said go, needs no excuse), or why the rollout did not end.
   */
  List<TimelineEntry> finish(RolloutState endState, String stuck, Instant at) {
    if (stuck != null) {
      add(at, "stuck", 0, stuck);
    } else {
      add(at, "ended", 0, endState.specName() + ": " + (endEvent == null ? "the process ended" : endEvent)
          + (cause == null || endState == RolloutState.SUCCEEDED ? "" : " — " + cause));
    }
    return List.copyOf(entries);
  }

  Duration since(Instant at) {
    Duration since = Duration.between(startedAt, at);
    return since.isNegative() ? Duration.ZERO : since;
  }

  private void stageStarted(long instance, JsonNode value, Instant at) {
    String name = value.path("name").asText(null);
    if (name == null || stage != null && stage.name().equals(name)) {
      return;
    }
    stage = runbook.stages().stream().filter(candidate -> candidate.name().equals(name)).findFirst().orElse(null);
    if (stage != null) {
      add(at, "stage", depthOf(instance), StageText.describe(runbook, stage)
          + (breaching() ? " — rehearsed with readings that break its thresholds" : ""));
    }
  }

  /** A gate measurement: the first of a stage, a change of verdict and a breach are told, the rest counted. */
  private void measured(long instance, JsonNode gate, Instant at) {
    String verdict = gate.path("verdict").asText();
    String measuredStage = gate.path("stage").asText();
    boolean told = watch.measurements == 0 || !verdict.equals(watch.lastVerdict);
    watch.measured(measuredStage, verdict);
    if (gate.path("breached").asBoolean()) {
      watch.breached = true;
      String reason = gate.path("breachReason").asText();
      add(at, "gate", depthOf(instance), measuredStage + ": breached — " + reason);
      causedBy("stage " + measuredStage + " breached: " + reason);
    } else if (told) {
      add(at, "gate", depthOf(instance), measuredStage + ": " + verdict + " — "
          + StageText.readings(gate.path("metrics")));
    }
  }

  private void step(Instant at, int stepDepth, String name) {
    add(at, "step", stepDepth, name);
    callDepth = stepDepth + 1;
  }

  private void add(Instant at, String kind, int entryDepth, String text) {
    entries.add(new TimelineEntry(since(at), kind, entryDepth, text));
  }

  private int depthOf(long instance) {
    return depth.getOrDefault(instance, 0);
  }

  /** The first thing that turned the rollout from its path is what its end state is blamed on. */
  private void causedBy(String what) {
    if (cause == null) {
      cause = what;
    }
  }

  /** One stage's monitoring window: how its gate went. */
  private static final class Watch {
    final long instance;
    final Instant startedAt;
    final Map<String, Integer> verdicts = new LinkedHashMap<>();
    String stage;
    int measurements;
    String lastVerdict;
    boolean breached;
    String endEvent;

    Watch(long instance, Instant startedAt) {
      this.instance = instance;
      this.startedAt = startedAt;
    }

    void measured(String measuredStage, String verdict) {
      stage = measuredStage;
      measurements++;
      verdicts.merge(verdict, 1, Integer::sum);
      lastVerdict = verdict;
    }

    /** {@code all pass}, or {@code 28 pass, 2 inconclusive}. */
    String counts() {
      return verdicts.size() == 1 ? "all " + verdicts.keySet().iterator().next()
          : String.join(", ", verdicts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }
  }
}
