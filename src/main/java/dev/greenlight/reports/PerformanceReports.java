package dev.greenlight.reports;

import dev.greenlight.integrations.metrics.Measurement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** {@code performance}: seed 004's before/after comparison, every metric query now against the {@code baseline}. */
@Component
public class PerformanceReports implements ReportBuilder {

  private final MetricReadings readings;

  public PerformanceReports(MetricReadings readings) {
    this.readings = readings;
  }

  /**
   * @param metrics query name → before, after and change
   * @param notMeasured query name → why it gave no number now
   */
  public record Performance(Map<String, Change> metrics, Map<String, String> notMeasured) {}

  /**
   * @param before the baseline's value; null when it had none
   * @param after the value now; null when the query gave none
   * @param changePercent (after − before) / |before| in percent, one decimal; null when either is missing or before
   *     is zero
   */
  public record Change(Double before, Double after, Double changePercent) {}

  @Override
  public ReportKind kind() {
    return ReportKind.PERFORMANCE;
  }

  @Override
  public ReportDraft build(ReportRequest request, Instant now) {
    Map<String, Double> baseline = ReportRequest.require(request.baseline(), "baseline", kind());
    Map<String, Measurement> measured = readings.measureAll(request, kind());
    Map<String, Double> after = MetricReadings.values(measured);
    Set<String> names = new LinkedHashSet<>(after.keySet());
    names.addAll(baseline.keySet());
    Map<String, Change> changes = new LinkedHashMap<>();
    names.forEach(name -> changes.put(name, change(baseline.get(name), after.get(name))));
    Performance performance = new Performance(changes, MetricReadings.problems(measured));
    boolean complete = changes.values().stream().allMatch(change -> change.changePercent() != null);
    String summary = "performance of " + request.serviceName() + " " + request.version() + " against the baseline: "
        + changes.entrySet().stream().map(e -> describe(e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    return new ReportDraft(complete ? ReportStatus.OK : ReportStatus.ATTENTION, summary, performance);
  }

  private static Change change(Double before, Double after) {
    if (before == null || after == null || before == 0) {
      return new Change(before, after, null);
    }
    double percent = (after - before) / Math.abs(before) * 100;
    return new Change(before, after, BigDecimal.valueOf(percent).setScale(1, RoundingMode.HALF_UP).doubleValue());
  }

  private static String describe(String name, Change change) {
    String values = name + " " + MetricReadings.format(change.before()) + " → " + MetricReadings.format(change.after());
    if (change.changePercent() == null) {
      return values;
    }
    return values + " (" + (change.changePercent() > 0 ? "+" : "") + MetricReadings.format(change.changePercent()) + "%)";
  }
}
