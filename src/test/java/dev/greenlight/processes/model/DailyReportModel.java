package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;

/**
 * Call activity {@code daily-report} (seed 000's compare-mode report): writes the report of kind {@code reportKind}
 * (total queries, discrepancies, errors, status, samples), stores it with the rollout and posts its summary to Slack.
 */
final class DailyReportModel {

  static final String PROCESS_ID = "daily-report";

  private DailyReportModel() {}

  static BpmnModelInstance build() {
    return Bpmn.createExecutableProcess(PROCESS_ID).name("Daily report")
        .startEvent("report-due").name("Report due")
        .serviceTask("write-report").name("Write the report").zeebeJobType("write-report")
        .serviceTask("post-report").name("Post the report to Slack").zeebeJobType("notify-slack")
          .zeebeInputExpression("report.summary", "message")
        .endEvent("report-posted").name("Report posted")
        .done();
  }

  /** The call activity that runs it, with the kind of report. */
  static io.camunda.zeebe.model.bpmn.builder.CallActivityBuilder call(
      io.camunda.zeebe.model.bpmn.builder.CallActivityBuilder call, String reportKind) {
    return call.zeebeProcessId(PROCESS_ID)
        .zeebePropagateAllChildVariables(false)
        .zeebeInputExpression("\"" + reportKind + "\"", "reportKind");
  }
}
