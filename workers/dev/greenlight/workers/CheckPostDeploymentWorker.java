package dev.greenlight.workers;

import dev.greenlight.reports.ReportKind;
import dev.greenlight.reports.ReportRequest;
import dev.greenlight.reports.ReportWriter;
import dev.greenlight.reports.WrittenReport;
import dev.greenlight.rollout.RolloutVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code check-post-deployment}: one of seed 001's post-deployment checks (T+1 h, T+24 h, T+7 d; which one in
 * {@code checkpoint}). Measures the metrics now against the last stage's thresholds and the rollback triggers, judged
 * as that stage's gate judged them, and files the verdict as a report; sets {@code report}. The check records what it
 * found and never stops the rollout: the person at the review reads it.
 *
 * <p>Run twice: it measures again and files the report under the job's element instance, so the earlier attempt's
 * report is replaced, not doubled; nothing outside changes.
 */
@Component
public class CheckPostDeploymentWorker {

  private final ReportWriter writer;

  public CheckPostDeploymentWorker(ReportWriter writer) {
    this.writer = writer;
  }

  @JobWorker(type = "check-post-deployment", fetchVariables = {
      RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID, RolloutVariables.SERVICE, RolloutVariables.VERSION,
      "checkpoint"})
  public Map<String, Object> checkPostDeployment(ActivatedJob job, @VariablesAsType ReportRequest request) {
    WrittenReport written = writer.write(ReportKind.POST_DEPLOYMENT_CHECK, request, job.getElementInstanceKey());
    return Map.of(WriteReportWorker.REPORT, written.report());
  }
}
