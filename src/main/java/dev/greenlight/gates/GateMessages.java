package dev.greenlight.gates;

import dev.greenlight.spec.MetricSource.Unit;
import dev.greenlight.spec.Threshold;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the gate says to people, in the runbook's own units: "error rate 22.2 % is above the 0.5 % limit", "latency p99
 * 350 ms is above the 200 ms limit". A ratio reads as a percentage, seconds as ms below one second and s above, a count
 * as the number.
 */
public final class GateMessages {

  private static final int SIGNIFICANT_DIGITS = 3;

  private GateMessages() {}

  /** A query's name as people say it: errorRate → error rate, latencyP99 → latency p99. */
  public static String spoken(String queryName) {
    return queryName.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
  }

  /** A measured or limit value in the query's unit, to three significant digits: 22.2 %, 350 ms, 2.5 s, 12. */
  public static String amount(double value, Unit unit) {
    return amount(value, unit, SIGNIFICANT_DIGITS);
  }

  /** Why a reading breaks its threshold, e.g. "error rate 22.2 % is above the 0.5 % limit". */
  static String broken(String query, double value, Threshold threshold, Unit unit) {
    String[] amounts = distinct(value, threshold.value(), unit);
    boolean at = value == threshold.value();
    String relation = switch (threshold.comparison()) {
      case BELOW -> at ? "is at the " + amounts[1] + " limit, which it must stay below" : "is above the "
          + amounts[1] + " limit";
      case AT_MOST -> "is above the " + amounts[1] + " limit";
      case ABOVE -> at ? "is at the " + amounts[1] + " minimum, which it must stay above" : "is below the "
          + amounts[1] + " minimum";
      case AT_LEAST -> "is below the " + amounts[1] + " minimum";
    };
    return spoken(query) + " " + amounts[0] + " " + relation;
  }

  /** What a rollback trigger's condition saw, e.g. "error rate 2 % is above 1 %". */
  static String crossed(String query, double value, Threshold condition, Unit unit) {
    String[] amounts = distinct(value, condition.value(), unit);
    boolean at = value == condition.value();
    String relation = switch (condition.comparison()) {
      case ABOVE -> "is above ";
      case AT_LEAST -> at ? "is at " : "is above ";
      case BELOW -> "is below ";
      case AT_MOST -> at ? "is at " : "is below ";
    };
    return spoken(query) + " " + amounts[0] + " " + relation + amounts[1];
  }

  /**
   * A reading for the log, e.g. "fail — error rate 2 % is above the 0.5 % limit, latency p99 50 ms; 2 valid readings
   * (3 required)".
   */
  public static String reading(GateState gate, GateRules rules) {
    String details = gate.metrics().entrySet().stream()
        .map(metric -> metric.getValue().verdict() == GateVerdict.PASS
            ? spoken(metric.getKey()) + " " + amount(metric.getValue().value(), rules.unitOf(metric.getKey()))
            : metric.getValue().reason())
        .collect(Collectors.joining(", "));
    return gate.verdict().json() + (details.isEmpty() ? "" : " — " + details) + "; " + gate.validReadings()
        + " valid reading" + (gate.validReadings() == 1 ? "" : "s") + " (" + rules.stage().minMeasurements()
        + " required)";
  }

  /** A value and a limit that differ are never written the same: more digits until they read apart. */
  private static String[] distinct(double value, double limit, Unit unit) {
    for (int digits = SIGNIFICANT_DIGITS; digits < 16; digits++) {
      String written = amount(value, unit, digits);
      String limitWritten = amount(limit, unit, SIGNIFICANT_DIGITS);
      if (value == limit || !written.equals(limitWritten)) {
        return new String[] {written, limitWritten};
      }
    }
    return new String[] {amount(value, unit, 16), amount(limit, unit, SIGNIFICANT_DIGITS)};
  }

  private static String amount(double value, Unit unit, int digits) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (Double.isNaN(value)) {
      return "NaN";
    }
    // a count is shown whole: 12345 queued items must not read as 12300
    return switch (unit == null ? Unit.COUNT : unit) {
      case RATIO -> number(value * 100, digits) + " %";
      case SECONDS -> Math.abs(value) < 1 ? number(value * 1000, digits) + " ms" : number(value, digits) + " s";
      case COUNT -> number(value, Math.max(digits, 7));
    };
  }

  private static String number(double value, int digits) {
    return BigDecimal.valueOf(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
  }
}
