package dev.greenlight.workers;

import dev.greenlight.reports.ReportKind;
import dev.greenlight.reports.ReportRequest;
import dev.greenlight.reports.ReportWriter;
import dev.greenlight.reports.WrittenReport;
import dev.greenlight.rollout.RolloutVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code measure-baseline}: seed 004's "before deployment" column. Measures every metric query of the runbook before
 * the change and files it as a baseline report; sets {@code baseline} (query name → value, null where a query gave no
 * number) for the later performance report, and {@code report}. A retried job replaces the report it filed before.
 *
 * <p>Run twice: it measures again and files the report under the job's element instance, replacing the earlier
 * attempt's; nothing outside changes.
 */
@Component
public class MeasureBaselineWorker {

  private final ReportWriter writer;

  public MeasureBaselineWorker(ReportWriter writer) {
    this.writer = writer;
  }

  @JobWorker(type = "measure-baseline", fetchVariables = {
      RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID, RolloutVariables.SERVICE, RolloutVariables.VERSION})
  public Map<String, Object> measureBaseline(ActivatedJob job, @VariablesAsType ReportRequest request) {
    WrittenReport written = writer.write(ReportKind.BASELINE, request, job.getElementInstanceKey());
    Map<String, Object> variables = new HashMap<>();
    variables.put(WriteReportWorker.REPORT, written.report());
    variables.put(WriteReportWorker.BASELINE, written.baseline());
    return variables;
  }
}
