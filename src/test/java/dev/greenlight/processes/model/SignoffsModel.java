package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;

/**
 * Call activity {@code sign-offs} (seed 002): one sign-off task per role of {@code runbook.approvals.signoffs}, all in
 * parallel; any rejection stops the others. Overdue sign-offs are reminded in Slack and then escalated to the on-call.
 * Ends with {@code signedOff} true only when every role approved.
 */
final class SignoffsModel {

  static final String PROCESS_ID = "sign-offs";

  private SignoffsModel() {}

  static BpmnModelInstance build() {
    return Bpmn.createExecutableProcess(PROCESS_ID).name("Sign-offs")
        .startEvent("sign-offs-requested").name("Sign-offs requested")
        .userTask("sign-off", task -> Flows.decisionTask(task.name("Sign off the release"),
                "[signoff.role]",
                "signoff.title + \": do you sign off \" + service + \" \" + version + \" (\" + ticket + \")?\"",
                "\"Every role must approve; one rejection stops the release.\""))
          .multiInstance().parallel()
            .zeebeInputCollectionExpression("runbook.approvals.signoffs").zeebeInputElement("signoff")
            .zeebeOutputCollection("signoffDecisions").zeebeOutputElementExpression(Flows.ATTRIBUTED_DECISION)
            .completionCondition("=decision != null and decision.outcome != \"go\"")
          .<io.camunda.zeebe.model.bpmn.builder.UserTaskBuilder>multiInstanceDone()
        .exclusiveGateway("all-approved").name("All approved?")
          .condition("yes", "=every d in signoffDecisions satisfies d != null and d.outcome = \"go\"")
          .endEvent("signed-off").name("Signed off").zeebeOutputExpression("true", "signedOff")
        .moveToNode("all-approved")
          .endEvent("not-signed-off").name("Not signed off").zeebeOutputExpression("false", "signedOff")
        .moveToActivity("sign-off")
          .boundaryEvent("reminder-due").name("Reminder due").cancelActivity(false)
            .timerWithDurationExpression("runbook.approvals.remindAfter")
          .serviceTask("remind-signers").name("Remind the signers").zeebeJobType("notify-slack")
            .zeebeInputExpression("\"Sign-offs for \" + service + \" \" + version + \" are still open\"", "message")
          .endEvent("reminded").name("Reminded")
        .moveToActivity("sign-off")
          .boundaryEvent("escalation-due").name("Escalation due").cancelActivity(false)
            .timerWithDurationExpression("runbook.approvals.escalateAfter")
          .serviceTask("escalate-signoffs").name("Escalate the overdue sign-offs").zeebeJobType("page-oncall")
            .zeebeInputExpression("\"trigger\"", "action")
            .zeebeInputExpression("\"P3\"", "severity")
            .zeebeInputExpression("\"Sign-offs for \" + service + \" \" + version + \" are overdue\"", "summary")
            .zeebeInputExpression("rolloutId + \"-signoffs\"", "incidentId")
          .endEvent("escalated").name("Escalated")
        .done();
  }
}
