package dev.greenlight.gates;

import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.spec.RollbackTrigger;
import dev.greenlight.spec.RollbackTrigger.RollbackAction;
import dev.greenlight.spec.Stage;
import dev.greenlight.spec.Stage.BreachAction;
import dev.greenlight.spec.Stage.InconclusivePolicy;
import dev.greenlight.spec.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The gate as a pure function: a stage's rules, its readings and the previous state give the next state, and at the
 * stage's end its evidence gives the stage's verdict. No I/O, no clock, so every rule is unit-tested on its own.
 *
 * <p>No stage passes blind: it needs {@link Stage#minMeasurements()} valid readings of its own and a valid last
 * reading; anything less ends it the way its {@link Stage#onInconclusive()} says, never as a pass. Readings without a
 * number count in a row across stage boundaries; failed readings in a row restart with every stage.
 */
public final class GateEvaluator {

  /** Argo Rollouts' default: up to four readings without a number in a row are tolerated. */
  public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

  private GateEvaluator() {}

  /**
   * One reading of the stage.
   *
   * @param measurements the readings by query name; a name without a reading is inconclusive
   * @param previous the state after the last reading, of this stage or the one before; null at a rollout's first
   * @param measuredAt when the readings were taken
   */
  public static GateState evaluate(GateRules rules, Map<String, Measurement> measurements, GateState previous,
      Instant measuredAt) {
    Stage stage = rules.stage();
    boolean thisStage = previous != null && Objects.equals(stage.name(), previous.stage());
    Map<String, Double> accepted = accepted(previous, thisStage);
    Map<String, Measurement> judged = sinceAccepted(measurements, accepted);
    Map<String, MetricVerdict> metrics = new LinkedHashMap<>();
    Map<String, Threshold> thresholds = stage.thresholds() == null ? Map.of() : stage.thresholds();
    thresholds.forEach((name, threshold) -> metrics.put(name,
        judge(rules, name, threshold, judged.get(name), accepted.get(name))));
    List<FiredTrigger> fired = checkTriggers(rules, judged, metrics);
    GateVerdict verdict = overall(metrics.values());

    // a person who chose to carry on after a breach starts the counting again
    boolean carryOn = previous != null && !previous.breached();
    boolean sameStage = carryOn && thisStage;
    int failures = sameStage ? previous.consecutiveFailures() : 0;
    Instant failingSince = sameStage ? previous.failingSince() : null;
    int errors = carryOn ? previous.consecutiveErrors() : 0;
    int valid = thisStage ? previous.validReadings() : 0;
    int readings = (thisStage ? previous.readings() : 0) + 1;
    int failed = thisStage ? previous.failedReadings() : 0;
    switch (verdict) {
      case PASS -> {
        failures = 0;
        errors = 0;
        failingSince = null;
        valid++;
      }
      case FAIL -> {
        failures++;
        errors = 0;
        failingSince = failingSince == null ? measuredAt : failingSince;
        valid++;
        failed++;
      }
      case INCONCLUSIVE -> errors++;
    }

    Breach breach = breach(rules, metrics, fired, verdict, failures, errors, failingSince, measuredAt);
    return new GateState(stage.name(), verdict, metrics, failures, errors, failingSince, measuredAt,
        breach != null, breach == null ? null : breach.reason(), breach == null ? null : breach.trigger(),
        breach == null ? null : breach.action(), valid, readings, failed, accepted, List.of());
  }

  /**
   * The compare counts accepted so far in this stage. A reading after a breach of the same stage means a person chose
   * to carry on: the compare counts of that breach are accepted, and only what comes after them is judged.
   */
  private static Map<String, Double> accepted(GateState previous, boolean thisStage) {
    if (!thisStage) {
      return Map.of();
    }
    if (!previous.breached()) {
      return previous.accepted();
    }
    Map<String, Double> accepted = new LinkedHashMap<>(previous.accepted());
    CompareInputs.NAMES.forEach(input -> {
      MetricVerdict verdict = previous.metrics().get(input);
      if (verdict != null && verdict.value() != null) {
        accepted.merge(input, verdict.value(), Double::sum);
      }
    });
    return Map.copyOf(accepted);
  }

  private static Map<String, Measurement> sinceAccepted(Map<String, Measurement> measurements,
      Map<String, Double> accepted) {
    if (accepted.isEmpty()) {
      return measurements;
    }
    Map<String, Measurement> judged = new LinkedHashMap<>(measurements);
    accepted.forEach((input, count) -> judged.computeIfPresent(input, (name, measurement) ->
        measurement.hasValue() ? Measurement.of(Math.max(0, measurement.value() - count)) : measurement));
    return judged;
  }

  /**
   * The stage's time is up: it passes with its minimum of valid readings and a valid last one. Otherwise the gate is
   * inconclusive, with why, and breached unless the stage asks a person ({@code onInconclusive: ask}).
   *
   * @param gate the state after the stage's last reading; another stage's (or null) when it took none
   * @param concludedAt now
   */
  public static GateState conclude(GateRules rules, GateState gate, Instant concludedAt) {
    Stage stage = rules.stage();
    boolean measuredHere = gate != null && Objects.equals(stage.name(), gate.stage());
    int valid = measuredHere ? gate.validReadings() : 0;
    boolean lastValid = measuredHere && gate.verdict() != GateVerdict.INCONCLUSIVE;
    int required = Math.max(stage.minMeasurements(), 1);
    if (valid >= required && lastValid) {
      return gate;
    }
    String last = measuredHere && !lastValid ? reasons(gate.metrics(), GateVerdict.INCONCLUSIVE) : null;
    String reason = valid < required
        ? "stage " + stage.name() + " ended with " + valid + " valid reading" + (valid == 1 ? "" : "s") + " of the "
            + required + " required" + (last == null ? "" : "; the last reading had no number: " + last)
        : "stage " + stage.name() + " ended on a reading without a number (after " + valid + " valid readings): "
            + last;
    boolean breached = policy(stage) != InconclusivePolicy.ASK;
    return new GateState(stage.name(), GateVerdict.INCONCLUSIVE, measuredHere ? gate.metrics() : Map.of(),
        measuredHere ? gate.consecutiveFailures() : 0, gate == null ? 0 : gate.consecutiveErrors(),
        measuredHere ? gate.failingSince() : null, concludedAt, breached, reason, null, null, valid,
        measuredHere ? gate.readings() : 0, measuredHere ? gate.failedReadings() : 0,
        measuredHere ? gate.accepted() : Map.of(), List.of());
  }

  /** @param accepted the count a person accepted of a compare input, null when none */
  private static MetricVerdict judge(GateRules rules, String name, Threshold threshold, Measurement measurement,
      Double accepted) {
    String problem = problemOf(name, measurement);
    if (problem != null) {
      return new MetricVerdict(GateVerdict.INCONCLUSIVE, null, threshold.text(), problem);
    }
    double value = measurement.value();
    if (threshold.isMetBy(value)) {
      return new MetricVerdict(GateVerdict.PASS, value, threshold.text(), null);
    }
    return new MetricVerdict(GateVerdict.FAIL, value, threshold.text(),
        GateMessages.broken(name, value, threshold, rules.unitOf(name))
            + (accepted == null ? "" : " (counted since the " + GateMessages.amount(accepted, rules.unitOf(name))
                + " accepted at an earlier breach)"));
  }

  /** Why a reading gives no number to judge; null when it does. */
  private static String problemOf(String name, Measurement measurement) {
    if (measurement == null) {
      return name + ": not measured";
    }
    if (!measurement.hasValue()) {
      return name + ": " + measurement.problem();
    }
    if (Double.isNaN(measurement.value())) {
      return name + ": not a number (NaN), e.g. a ratio over no requests";
    }
    return null;
  }

  /** A trigger fires when any of its conditions holds ({@code errorRate: "> 1%"}); a metric without a number never fires. */
  private static List<FiredTrigger> checkTriggers(GateRules rules, Map<String, Measurement> measurements,
      Map<String, MetricVerdict> metrics) {
    List<FiredTrigger> fired = new ArrayList<>();
    for (RollbackTrigger trigger : rules.triggers()) {
      Map<String, Threshold> conditions = trigger.when() == null ? Map.of() : trigger.when();
      String firedBy = null;
      for (Map.Entry<String, Threshold> condition : conditions.entrySet()) {
        String name = condition.getKey();
        Measurement measurement = measurements.get(name);
        String problem = problemOf(name, measurement);
        if (problem != null) {
          metrics.putIfAbsent(name, new MetricVerdict(GateVerdict.INCONCLUSIVE, null, condition.getValue().text(), problem));
        } else if (condition.getValue().isMetBy(measurement.value())) {
          String reason = GateMessages.crossed(name, measurement.value(), condition.getValue(), rules.unitOf(name));
          metrics.put(name, new MetricVerdict(GateVerdict.FAIL, measurement.value(), condition.getValue().text(),
              reason + " (rollback trigger " + trigger.name() + ")"));
          firedBy = firedBy == null ? reason : firedBy;
        } else {
          metrics.putIfAbsent(name, new MetricVerdict(GateVerdict.PASS, measurement.value(), null, null));
        }
      }
      if (firedBy != null) {
        fired.add(new FiredTrigger(trigger, firedBy));
      }
    }
    return fired;
  }

  private static GateVerdict overall(Collection<MetricVerdict> metrics) {
    if (metrics.stream().anyMatch(m -> m.verdict() == GateVerdict.FAIL)) {
      return GateVerdict.FAIL;
    }
    if (metrics.stream().anyMatch(m -> m.verdict() == GateVerdict.INCONCLUSIVE)) {
      return GateVerdict.INCONCLUSIVE;
    }
    return GateVerdict.PASS;
  }

  private static Breach breach(GateRules rules, Map<String, MetricVerdict> metrics, List<FiredTrigger> fired,
      GateVerdict verdict, int failures, int errors, Instant failingSince, Instant measuredAt) {
    Stage stage = rules.stage();
    if (!fired.isEmpty()) {
      FiredTrigger first = fired.stream().reduce((a, b) -> severity(b.trigger().action()) > severity(a.trigger().action()) ? b : a)
          .orElseThrow();
      String reason = fired.stream()
          .map(f -> "rollback trigger " + f.trigger().name() + " fired: " + f.firedBy())
          .collect(Collectors.joining("; "));
      return new Breach(reason, first.trigger().name(), first.trigger().action());
    }
    int failureLimit = stage.failureLimit() > 0 ? stage.failureLimit() : 1;
    if (verdict == GateVerdict.FAIL && failures >= failureLimit && toleranceSpent(stage, failingSince, measuredAt)) {
      return new Breach(reasons(metrics, GateVerdict.FAIL)
          + (failures > 1 ? " (" + failures + " failed readings in a row)" : ""), null, null);
    }
    if (verdict != GateVerdict.INCONCLUSIVE) {
      return null;
    }
    int errorLimit = rules.consecutiveErrorLimit() > 0 ? rules.consecutiveErrorLimit() : DEFAULT_CONSECUTIVE_ERROR_LIMIT;
    return switch (policy(stage)) {
      case ROLLBACK -> new Breach("a reading without a number, and stage " + stage.name() + " rolls back on"
          + " inconclusive readings: " + reasons(metrics, GateVerdict.INCONCLUSIVE), null, null);
      case COUNT_AS_ERROR -> errors > errorLimit
          ? new Breach(errors + " readings in a row without a number, more than the " + errorLimit
              + " metrics.consecutiveErrorLimit allows: " + reasons(metrics, GateVerdict.INCONCLUSIVE), null, null)
          : null;
      case ASK -> null;
    };
  }

  private static InconclusivePolicy policy(Stage stage) {
    return stage.onInconclusive() == null ? InconclusivePolicy.COUNT_AS_ERROR : stage.onInconclusive();
  }

  /** An investigate stage with a breach tolerance breaches only once its failures have lasted that long. */
  private static boolean toleranceSpent(Stage stage, Instant failingSince, Instant measuredAt) {
    if (stage.onBreach() != BreachAction.INVESTIGATE || stage.breachTolerance() == null) {
      return true;
    }
    return Duration.between(failingSince, measuredAt).compareTo(stage.breachTolerance()) >= 0;
  }

  /** A partial rollback undoes least, a full one most; when several triggers fire the largest wins. */
  private static int severity(RollbackAction action) {
    return action == null ? 0 : switch (action) {
      case PARTIAL -> 1;
      case QUICK -> 2;
      case FULL -> 3;
    };
  }

  private static String reasons(Map<String, MetricVerdict> metrics, GateVerdict verdict) {
    return metrics.values().stream().filter(m -> m.verdict() == verdict).map(MetricVerdict::reason)
        .collect(Collectors.joining(", "));
  }

  private record FiredTrigger(RollbackTrigger trigger, String firedBy) {}

  private record Breach(String reason, String trigger, RollbackAction action) {}
}
