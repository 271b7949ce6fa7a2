package dev.greenlight.reports;

import dev.greenlight.gates.GateCheck;
import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.integrations.metrics.QueryContext;
import dev.greenlight.spec.MetricSource;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Every metric query of a runbook measured now, the way the gates measure them. */
@Component
public class MetricReadings {

  private final GateCheck gateCheck;

  public MetricReadings(GateCheck gateCheck) {
    this.gateCheck = gateCheck;
  }

  /** Query name → reading, in the order of {@code metrics.queries}. */
  public Map<String, Measurement> measureAll(ReportRequest request, ReportKind kind) {
    MetricSource source = request.requireRunbook().metrics();
    if (source == null || source.queries() == null || source.queries().isEmpty()) {
      throw new IllegalArgumentException("A " + kind.specName() + " report measures the queries of metrics, which the"
          + " runbook of " + request.serviceName() + " does not define");
    }
    return gateCheck.measure(source, source.queries().keySet(),
        new QueryContext(request.serviceName(), request.version(), request.rolloutId()));
  }

  /** The numbers read (null where a query gave none), in the same order. */
  static Map<String, Double> values(Map<String, Measurement> readings) {
    Map<String, Double> values = new LinkedHashMap<>();
    readings.forEach((name, reading) -> values.put(name, numberOf(reading)));
    return values;
  }

  /** Why a query gave no number, for the queries that gave none. */
  static Map<String, String> problems(Map<String, Measurement> readings) {
    Map<String, String> problems = new LinkedHashMap<>();
    readings.forEach((name, reading) -> {
      if (numberOf(reading) == null) {
        problems.put(name, reading.hasValue() ? "NaN" : reading.problem());
      }
    });
    return problems;
  }

  /** A number as people read it in a summary: four significant digits. */
  static String format(Double value) {
    if (value == null) {
      return "?";
    }
    if (value.isInfinite()) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return BigDecimal.valueOf(value).round(new MathContext(4)).stripTrailingZeros()
        .toPlainString();
  }

  private static Double numberOf(Measurement reading) {
    return reading.hasValue() && !Double.isNaN(reading.value()) ? reading.value() : null;
  }
}
