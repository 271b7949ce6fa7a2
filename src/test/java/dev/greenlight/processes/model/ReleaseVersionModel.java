package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.CallActivityBuilder;

/**
 * Call activity {@code release-version}: deploys {@code version} (or, with {@code releaseAction} revert, returns to
 * {@code previousVersion}) and waits until it is live. With the webhook provider the job only triggers the pipeline;
 * the process then waits for the pipeline's signed callback (message {@code release-callback} on
 * {@code callbackToken}) or the runbook's release deadline. A failure ends in the error {@code DEPLOY_FAILED}.
 */
final class ReleaseVersionModel {

  static final String PROCESS_ID = "release-version";
  static final String CALLBACK_MESSAGE = "release-callback";

  private ReleaseVersionModel() {}

  static BpmnModelInstance build() {
    return Bpmn.createExecutableProcess(PROCESS_ID).name("Release a version")
        .startEvent("release-requested").name("Release requested")
        .exclusiveGateway("release-action").name("Deploy or revert?")
          .condition("revert", "=releaseAction = \"revert\"")
          .serviceTask("revert-version").name("Return to the previous version").zeebeJobType("revert-version")
          .exclusiveGateway("release-triggered")
        .moveToNode("release-action")
          .serviceTask("deploy-version").name("Deploy the version").zeebeJobType("deploy-version")
          .connectTo("release-triggered")
        .exclusiveGateway("pipeline-to-wait-for").name("Pipeline to wait for?")
          .condition("webhook", "=callbackToken != null")
          .eventBasedGateway("pipeline-answer").name("Pipeline answer")
            .intermediateCatchEvent("pipeline-called-back").name("Pipeline called back")
              .message(m -> m.name(CALLBACK_MESSAGE).zeebeCorrelationKeyExpression("callbackToken"))
            .exclusiveGateway("pipeline-succeeded").name("Pipeline succeeded?")
              .condition("yes", "=releaseCallback.status = \"succeeded\"")
              .exclusiveGateway("release-live")
          .moveToNode("pipeline-answer")
            .intermediateCatchEvent("pipeline-deadline").name("Release deadline passed")
              .timerWithDurationExpression("runbook.release.deadline")
            .endEvent("pipeline-timed-out").name("Pipeline did not answer").error(Runbooks.DEPLOY_FAILED)
          .moveToNode("pipeline-succeeded")
            .endEvent("pipeline-failed").name("Pipeline failed").error(Runbooks.DEPLOY_FAILED)
        .moveToNode("pipeline-to-wait-for")
          .connectTo("release-live")
        .endEvent("version-live").name("Version live")
        .done();
  }

  /** The call activity: deploy or revert, with what the caller needs back. */
  static CallActivityBuilder call(CallActivityBuilder call, String action) {
    return call.zeebeProcessId(PROCESS_ID)
        .zeebePropagateAllChildVariables(false)
        .zeebeInputExpression("\"" + action + "\"", "releaseAction")
        .zeebeInputExpression("null", "callbackToken")
        .zeebeOutputExpression("previousVersion", "previousVersion")
        .zeebeOutputExpression("releaseResult", "releaseResult");
  }
}
