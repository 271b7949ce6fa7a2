package dev.greenlight.workers;

import dev.greenlight.reports.ReportKind;
import dev.greenlight.reports.ReportRequest;
import dev.greenlight.reports.ReportWriter;
import dev.greenlight.rollout.RolloutVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code write-report}: writes the report {@code reportKind} asks for ({@code compare-daily}, {@code performance},
 * {@code incident}) and files it with the rollout. Sets {@code report} (id, kind, createdAt, status, summary). A
 * retried job replaces the report it wrote before. Baselines and post-deployment checks measure rather than report:
 * {@code measure-baseline} and {@code check-post-deployment} file those.
 *
 * <p>Run twice: the report is filed under the job's element instance, so the job run again replaces the report it wrote
 * before.
 */
@Component
public class WriteReportWorker {

  public static final String REPORT_KIND = "reportKind";
  public static final String REPORT = "report";
  public static final String BASELINE = "baseline";

  private final ReportWriter writer;

  public WriteReportWorker(ReportWriter writer) {
    this.writer = writer;
  }

  @JobWorker(type = ReportKind.WRITE_REPORT, fetchVariables = {
      REPORT_KIND, RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID, RolloutVariables.SERVICE,
      RolloutVariables.VERSION, RolloutVariables.GATE, "severity", "summary", "incidentId", "remediation",
      RolloutVariables.DECISIONS, BASELINE, "openedAt"})
  public Map<String, Object> writeReport(ActivatedJob job, @VariablesAsType ReportRequest request) {
    return Map.of(REPORT, writer.write(request, job.getElementInstanceKey()).report());
  }
}
