package dev.greenlight.reports;

import dev.greenlight.integrations.metrics.Measurement;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** {@code baseline}: seed 004's "before deployment" column, every metric query measured before the change. */
@Component
public class BaselineReports implements ReportBuilder {

  private final MetricReadings readings;

  public BaselineReports(MetricReadings readings) {
    this.readings = readings;
  }

  /**
   * @param metrics query name → value; null where the query gave no number
   * @param notMeasured query name → why it gave no number
   */
  public record Baseline(Map<String, Double> metrics, Map<String, String> notMeasured) {}

  @Override
  public ReportKind kind() {
    return ReportKind.BASELINE;
  }

  @Override
  public ReportDraft build(ReportRequest request, Instant now) {
    Map<String, Measurement> measured = readings.measureAll(request, kind());
    Baseline baseline = new Baseline(MetricReadings.values(measured), MetricReadings.problems(measured));
    String summary = "baseline of " + request.serviceName() + " " + request.version() + ": "
        + baseline.metrics().entrySet().stream().filter(e -> e.getValue() != null)
            .map(e -> e.getKey() + " " + MetricReadings.format(e.getValue())).collect(Collectors.joining(", "))
        + (baseline.notMeasured().isEmpty() ? "" : "; not measured: " + String.join(", ", baseline.notMeasured().keySet()));
    return new ReportDraft(baseline.notMeasured().isEmpty() ? ReportStatus.OK : ReportStatus.ATTENTION, summary,
        baseline, baseline.metrics());
  }
}
