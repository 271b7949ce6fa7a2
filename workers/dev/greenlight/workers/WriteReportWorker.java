package dev.greenlight.workers;

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
 * {@code write-report}: writes the report {@code reportKind} asks for ({@code compare-daily}, {@code baseline},
 * {@code performance}, {@code post-deployment-check}, {@code incident}) and files it with the rollout. Sets
 * {@code report} (id, kind, createdAt, status, summary) and, for a baseline, {@code baseline} (query name → value).
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

  @JobWorker(type = "write-report", fetchVariables = {
      REPORT_KIND, RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID, RolloutVariables.SERVICE,
      RolloutVariables.VERSION, RolloutVariables.GATE, "severity", "summary", "incidentId", "remediation",
      RolloutVariables.DECISIONS, BASELINE, "checkpoint", "openedAt"})
  public Map<String, Object> writeReport(ActivatedJob job, @VariablesAsType ReportRequest request) {
    WrittenReport written = writer.write(request, job.getElementInstanceKey());
    Map<String, Object> variables = new HashMap<>();
    variables.put(REPORT, written.report());
    if (written.baseline() != null) {
      variables.put(BASELINE, written.baseline());
    }
    return variables;
  }
}
