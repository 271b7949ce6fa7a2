package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.ProcessBuilder;

/**
 * Seeds 001, 002 and 004, {@code incident-response}: started by hand (form), or by message {@code incident-opened}
 * (an automatic rollback or an Alertmanager alert). Pages the on-call and opens a Slack war room; an unacknowledged page
 * escalates level by level after the severity's response target (P1 5 min … P4 4 h); then assess → remediate (rollback,
 * restart, scale — a person decides, or the runbook's automatic remediation for the severity) → verify → communicate →
 * incident report → resolve the page → schedule the post-mortem.
 */
final class IncidentResponseModel {

  static final String PROCESS_ID = "incident-response";
  static final String OPENED_MESSAGE = "incident-opened";
  private static final String ESCALATION = "runbook.notifications.escalation";
  private static final String REMEDIATION = "remediation";

  private IncidentResponseModel() {}

  static BpmnModelInstance build() {
    ProcessBuilder process = Bpmn.createExecutableProcess(PROCESS_ID).name("Incident response");
    process.startEvent("incident-opened-by-message").name("Incident raised").message(OPENED_MESSAGE)
        .exclusiveGateway("incident-raised");
    return process
        .startEvent("incident-reported").name("Incident reported").zeebeFormId("incident-start")
        .connectTo("incident-raised")
        .serviceTask("load-runbook").name("Load the service's runbook").zeebeJobType("load-runbook")
        .intermediateThrowEvent("incident-opened").name("Incident opened")
          .zeebeOutputExpression("if incidentId != null then incidentId"
              + " else runbook.service + \"-\" + substring(string(now()), 1, 19)", "incidentId")
          .zeebeOutputExpression("0", "escalationLevel")
          // FEEL writes now() with a zone id; the engine's clock is UTC, so the first 19 characters + Z are ISO-8601
          .zeebeOutputExpression("substring(string(now()), 1, 19) + \"Z\"", "openedAt")
        .serviceTask("page-oncall").name("Page the on-call").zeebeJobType("page-oncall")
          .zeebeInputExpression("\"trigger\"", "action")
        .serviceTask("open-war-room").name("Open the war room").zeebeJobType("notify-slack")
          .zeebeInputExpression("severity + \" incident \" + incidentId + \": \" + summary + \" (war room)\"", "message")
        .userTask("acknowledge", task -> task.name("Acknowledge the incident").zeebeUserTask()
            .zeebeFormId(Flows.GO_NO_GO_FORM)
            .zeebeCandidateGroupsExpression("[" + ESCALATION + ".levels[escalationLevel + 1]]")
            .zeebeInputExpression("\"Acknowledge \" + severity + \" incident \" + incidentId + \"?\"", "question")
            .zeebeInputExpression("summary", "summary")
            .zeebeOutputExpression("decision", "acknowledgement"))
        .serviceTask("acknowledge-page").name("Acknowledge the page").zeebeJobType("page-oncall")
          .zeebeInputExpression("\"acknowledge\"", "action")
        .exclusiveGateway("remediation-owner").name("Automatic remediation for this severity?")
          .condition("automatic", "=get value(" + ESCALATION + ".autoRemediation, severity) != null")
          .intermediateThrowEvent("automatic-remediation").name("Remediate automatically")
            .zeebeOutputExpression("get value(" + ESCALATION + ".autoRemediation, severity)", REMEDIATION)
          .exclusiveGateway("remediation-chosen")
        .moveToNode("remediation-owner")
          .userTask("assess", task -> task.name("Assess the incident").zeebeUserTask()
              .zeebeFormId("incident-assess")
              .zeebeCandidateGroupsExpression("[" + ESCALATION + ".levels[escalationLevel + 1]]")
              .zeebeOutputExpression("decision.fields.remediation", REMEDIATION)
              .zeebeOutputExpression("if decision.fields.replicas = null then 0 else decision.fields.replicas", "replicas")
              .zeebeOutputExpression(Flows.APPEND_DECISION, "decisions"))
          .connectTo("remediation-chosen")
        .exclusiveGateway("remediation").name("Remediation?")
          .condition("rollback", "=remediation = \"rollback\"")
          .callActivity("roll-back", call -> Runbooks.rollback(call.name("Roll back"), "\"full\"", "summary", false))
          .exclusiveGateway("remediated")
        .moveToNode("remediation")
          .condition("restart", "=remediation = \"restart\"")
          .serviceTask("restart-service").name("Restart the service").zeebeJobType("restart-service")
          .connectTo("remediated")
        .moveToNode("remediation")
          .condition("scale", "=remediation = \"scale\"")
          .serviceTask("scale-service").name("Scale the service").zeebeJobType("scale-service")
          .connectTo("remediated")
        .moveToNode("remediation")
          .connectTo("remediated")
        .serviceTask("verify-service").name("Verify the service").zeebeJobType("run-smoke-tests")
        .serviceTask("communicate-resolution").name("Communicate the resolution").zeebeJobType("notify-slack")
          .zeebeInputExpression("\"Resolved \" + severity + \" incident \" + incidentId + \" by \" + remediation", "message")
        .callActivity("incident-report", call -> DailyReportModel.call(call.name("Write the incident report"), "incident"))
        .serviceTask("resolve-page").name("Resolve the page").zeebeJobType("page-oncall")
          .zeebeInputExpression("\"resolve\"", "action")
        .userTask("schedule-post-mortem", task -> Flows.decisionTask(task.name("Schedule the post-mortem"),
            Flows.DECIDERS, "\"Post-mortem for incident \" + incidentId + \" scheduled?\"",
            "\"Within five working days; the incident report is attached to the rollout.\""))
        .endEvent("incident-closed").name("Incident closed")
        .moveToActivity("acknowledge")
          .boundaryEvent("response-target-missed").name("Response target missed")
            .timerWithDurationExpression("get value(" + ESCALATION + ".responseTargets, severity)")
          .exclusiveGateway("levels-left").name("Another level to page?")
            .condition("yes", "=escalationLevel + 1 < count(" + ESCALATION + ".levels)")
            .serviceTask("escalate").name("Escalate to the next level").zeebeJobType("page-oncall")
              .zeebeInputExpression("\"trigger\"", "action")
              .zeebeInputExpression("incidentId + \"-level-\" + string(escalationLevel + 2)", "incidentId")
              .zeebeInputExpression("\"Unacknowledged, escalated to \" + " + ESCALATION
                  + ".levels[escalationLevel + 2] + \": \" + summary", "summary")
              .zeebeOutputExpression("escalationLevel + 1", "escalationLevel")
            .connectTo("acknowledge")
          .moveToNode("levels-left")
            .connectTo("acknowledge")
        .moveToActivity("verify-service")
          .boundaryEvent("still-failing").name("Still failing").error(Runbooks.SMOKE_FAILED)
          .connectTo("assess")
        .done();
  }
}
