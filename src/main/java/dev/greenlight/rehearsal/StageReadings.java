package dev.greenlight.rehearsal;

import dev.greenlight.gates.CompareInputs;
import dev.greenlight.spec.MetricSource;
import dev.greenlight.spec.RollbackTrigger;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import dev.greenlight.spec.Threshold;
import dev.greenlight.spec.Threshold.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers a rehearsal's metric source answers, made from the runbook itself: a healthy reading meets every
 * threshold of the stage being watched (of every stage, when none is) and fires no rollback trigger; a breaching
 * reading breaks the stage's threshold, by twice its limit where the query's unit allows, and still fires no trigger
 * where it can avoid one, so the stage's own {@code onBreach} shows.
 */
final class StageReadings {

  private StageReadings() {}

  /**
   * @param stage the stage being watched, null between stages (a baseline or post-deployment report)
   * @param breach whether this stage's readings must break its thresholds
   */
  static double reading(RunbookSpec runbook, Stage stage, boolean breach, String query) {
    Range natural = Range.of(unit(runbook, query));
    List<Threshold> mustHold = new ArrayList<>();
    for (Stage watched : stage == null ? runbook.stages() : List.of(stage)) {
      if (thresholds(watched).containsKey(query)) {
        mustHold.add(thresholds(watched).get(query));
      }
    }
    List<Threshold> noTrigger = triggerConditions(runbook, query).stream().map(StageReadings::opposite).toList();
    if (breach && stage != null && thresholds(stage).containsKey(query)) {
      Threshold broken = thresholds(stage).get(query);
      // a limit at the end of the unit's range ("<= 100%") is broken only by a reading outside it
      Range beyond = natural.within(List.of(opposite(broken)))
          .orElse(Range.of(null).within(opposite(broken)));
      return beyond.within(noTrigger).orElse(beyond).beyond(broken);
    }
    if (CompareInputs.isInput(query) && mustHold.isEmpty()) {
      // discrepancies and errors are problems: a healthy service has none unless a threshold allows some
      return 0;
    }
    Range healthy = natural.within(mustHold).orElse(natural);
    return healthy.within(noTrigger).orElse(healthy).middle();
  }

  private static Map<String, Threshold> thresholds(Stage stage) {
    return stage.thresholds() == null ? Map.of() : stage.thresholds();
  }

  private static MetricSource.Unit unit(RunbookSpec runbook, String query) {
    MetricSource.Query defined = runbook.metrics() == null || runbook.metrics().queries() == null
        ? null : runbook.metrics().queries().get(query);
    return defined == null ? null : defined.unit();
  }

  private static List<Threshold> triggerConditions(RunbookSpec runbook, String query) {
    List<RollbackTrigger> triggers = runbook.rollbackTriggers() == null ? List.of() : runbook.rollbackTriggers();
    return triggers.stream().filter(trigger -> trigger.when() != null && trigger.when().containsKey(query))
        .map(trigger -> trigger.when().get(query)).toList();
  }

  /** The values that do not meet the threshold: {@code < 1%} becomes {@code >= 1%}. */
  private static Threshold opposite(Threshold threshold) {
    Comparison opposite = switch (threshold.comparison()) {
      case BELOW -> Comparison.AT_LEAST;
      case AT_MOST -> Comparison.ABOVE;
      case ABOVE -> Comparison.AT_MOST;
      case AT_LEAST -> Comparison.BELOW;
    };
    return new Threshold(opposite, threshold.value(), opposite.symbol() + " " + threshold.value());
  }

  /** An interval of the number line, each end open or closed; {@code high} may be infinite. */
  record Range(double low, boolean lowOpen, double high, boolean highOpen) {

    /** What a query of this unit can read: a ratio lies in 0..1, seconds and counts are not negative. */
    static Range of(MetricSource.Unit unit) {
      return new Range(0, false, unit == MetricSource.Unit.RATIO ? 1 : Double.POSITIVE_INFINITY, false);
    }

    Range within(Threshold threshold) {
      double limit = threshold.value();
      return switch (threshold.comparison()) {
        case BELOW -> limit <= high ? new Range(low, lowOpen, limit, true) : this;
        case AT_MOST -> limit < high ? new Range(low, lowOpen, limit, false) : this;
        case ABOVE -> limit >= low ? new Range(limit, true, high, highOpen) : this;
        case AT_LEAST -> limit > low ? new Range(limit, false, high, highOpen) : this;
      };
    }

    /** This range cut down by every threshold; empty when nothing is left. */
    Optional<Range> within(List<Threshold> thresholds) {
      Range range = this;
      for (Threshold threshold : thresholds) {
        range = range.within(threshold);
      }
      return range.isEmpty() ? Optional.empty() : Optional.of(range);
    }

    boolean isEmpty() {
      return low > high || low == high && (lowOpen || highOpen);
    }

    boolean contains(double value) {
      return (lowOpen ? value > low : value >= low) && (highOpen ? value < high : value <= high);
    }

    /** A value well inside: the middle, or above the low end when there is no high one. */
    double middle() {
      if (Double.isInfinite(high)) {
        return low == 0 ? 1 : low * 2;
      }
      return (low + high) / 2;
    }

    /** A value that breaks the threshold plainly, twice (or half) its limit when that is in range. */
    double beyond(Threshold broken) {
      double limit = broken.value();
      boolean upperLimit = broken.comparison() == Comparison.BELOW || broken.comparison() == Comparison.AT_MOST;
      double plain = upperLimit ? (limit == 0 ? middle() : limit * 2) : limit / 2;
      return contains(plain) ? plain : middle();
    }
  }
}
