package dev.greenlight.gates;

import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.spec.RollbackTrigger;
import dev.greenlight.spec.RollbackTrigger.RollbackAction;
import dev.greenlight.spec.Stage;
import dev.greenlight.spec.Stage.BreachAction;
import dev.greenlight.spec.Stage.InconclusivePolicy;
import dev.greenlight.spec.Threshold;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The gate as a pure function: a stage, its measurements and the previous state give the next state. No I/O, no
 * clock, so every rule is unit-tested on its own.
 */
public final class GateEvaluator {

  /** Argo Rollouts' default: up to four inconclusive measurements in a row are tolerated. */
  public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

  private GateEvaluator() {}

  /**
   * @param stage the stage being watched (thresholds, failure limit, inconclusive policy)
   * @param triggers the runbook's rollback triggers, checked at every measurement; null for none
   * @param consecutiveErrorLimit inconclusive measurements in a row tolerated; 0 or less means the default
   * @param measurements the readings by query name; a name without a reading is inconclusive
   * @param previous the state after the last measurement; null (or another stage's) starts fresh
   * @param measuredAt when the readings were taken
   */
  public static GateState evaluate(Stage stage, List<RollbackTrigger> triggers, int consecutiveErrorLimit,
      Map<String, Measurement> measurements, GateState previous, Instant measuredAt) {
    Map<String, MetricVerdict> metrics = new LinkedHashMap<>();
    Map<String, Threshold> thresholds = stage.thresholds() == null ? Map.of() : stage.thresholds();
    thresholds.forEach((name, threshold) -> metrics.put(name, judge(name, threshold, measurements.get(name))));
    List<FiredTrigger> fired = checkTriggers(triggers == null ? List.of() : triggers, measurements, metrics);
    GateVerdict verdict = overall(metrics.values());

    boolean sameStage = previous != null && stage.name() != null && stage.name().equals(previous.stage());
    int failures = sameStage ? previous.consecutiveFailures() : 0;
    int errors = sameStage ? previous.consecutiveErrors() : 0;
    Instant failingSince = sameStage ? previous.failingSince() : null;
    switch (verdict) {
      case PASS -> {
        failures = 0;
        errors = 0;
        failingSince = null;
      }
      case FAIL -> {
        failures++;
        errors = 0;
        failingSince = failingSince == null ? measuredAt : failingSince;
      }
      case INCONCLUSIVE -> errors++;
    }

    Breach breach = breach(stage, consecutiveErrorLimit, metrics, fired, verdict, failures, errors, failingSince,
        measuredAt);
    return new GateState(stage.name(), verdict, metrics, failures, errors, failingSince, measuredAt,
        breach != null, breach == null ? null : breach.reason(), breach == null ? null : breach.trigger(),
        breach == null ? null : breach.action());
  }

  private static MetricVerdict judge(String name, Threshold threshold, Measurement measurement) {
    String problem = problemOf(name, measurement);
    if (problem != null) {
      return new MetricVerdict(GateVerdict.INCONCLUSIVE, null, threshold.text(), problem);
    }
    double value = measurement.value();
    if (threshold.isMetBy(value)) {
      return new MetricVerdict(GateVerdict.PASS, value, threshold.text(), null);
    }
    return new MetricVerdict(GateVerdict.FAIL, value, threshold.text(),
        name + " " + format(value) + " is not " + threshold.text());
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
      return name + ": NaN (e.g. a ratio over no requests)";
    }
    return null;
  }

  /** A trigger fires when any of its conditions holds ({@code errorRate: "> 1%"}); a metric without a number never fires. */
  private static List<FiredTrigger> checkTriggers(List<RollbackTrigger> triggers, Map<String, Measurement> measurements,
      Map<String, MetricVerdict> metrics) {
    List<FiredTrigger> fired = new ArrayList<>();
    for (RollbackTrigger trigger : triggers) {
      Map<String, Threshold> conditions = trigger.when() == null ? Map.of() : trigger.when();
      String firedBy = null;
      for (Map.Entry<String, Threshold> condition : conditions.entrySet()) {
        String name = condition.getKey();
        Measurement measurement = measurements.get(name);
        String problem = problemOf(name, measurement);
        if (problem != null) {
          metrics.putIfAbsent(name, new MetricVerdict(GateVerdict.INCONCLUSIVE, null, condition.getValue().text(), problem));
        } else if (condition.getValue().isMetBy(measurement.value())) {
          String reason = name + " " + format(measurement.value()) + " " + condition.getValue().text();
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

  private static Breach breach(Stage stage, int consecutiveErrorLimit, Map<String, MetricVerdict> metrics,
      List<FiredTrigger> fired, GateVerdict verdict, int failures, int errors, Instant failingSince, Instant measuredAt) {
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
      return new Breach(failures + " failed measurement(s) in a row (failure limit " + failureLimit + "): "
          + reasons(metrics, GateVerdict.FAIL), null, null);
    }
    if (verdict != GateVerdict.INCONCLUSIVE) {
      return null;
    }
    InconclusivePolicy policy = stage.onInconclusive() == null ? InconclusivePolicy.COUNT_AS_ERROR : stage.onInconclusive();
    int errorLimit = consecutiveErrorLimit > 0 ? consecutiveErrorLimit : DEFAULT_CONSECUTIVE_ERROR_LIMIT;
    return switch (policy) {
      case ROLLBACK -> new Breach("inconclusive measurement, and the stage rolls back on inconclusive: "
          + reasons(metrics, GateVerdict.INCONCLUSIVE), null, null);
      case COUNT_AS_ERROR -> errors > errorLimit
          ? new Breach(errors + " inconclusive measurements in a row, past the consecutive-error limit of " + errorLimit
              + ": " + reasons(metrics, GateVerdict.INCONCLUSIVE), null, null)
          : null;
      case ASK -> null;
    };
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

  static String format(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return BigDecimal.valueOf(value).round(MathContext.DECIMAL32).stripTrailingZeros().toPlainString();
  }

  private record FiredTrigger(RollbackTrigger trigger, String firedBy) {}

  private record Breach(String reason, String trigger, RollbackAction action) {}
}
