package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.ProcessBuilder;

/**
 * Seed 003, {@code canary-rollout}: back up, deploy the canary, smoke-test it, then walk the spec's stages (1 % for 2 h,
 * 10 % for 4 h, 100 %): shift traffic, watch the gate, advance on a pass. A breach rolls back at once, except where the
 * stage says investigate (full rollout: a breach lasting over an hour asks a person). Abort rolls back from anywhere.
 * A traffic shift the router does not apply undoes the release, and the rollout ends failed.
 */
final class CanaryRolloutModel {

  static final String PROCESS_ID = "canary-rollout";

  private CanaryRolloutModel() {}

  static BpmnModelInstance build() {
    ProcessBuilder process = Bpmn.createExecutableProcess(PROCESS_ID).name("Canary rollout");
    Runbooks.abortAnywhere(process);
    var smokeTested = Runbooks.backUpDatabase(Runbooks.start(process, "Canary rollout"))
        .callActivity("deploy-canary", call -> ReleaseVersionModel.call(call.name("Deploy the canary version"), "deploy"))
        .serviceTask("smoke-test-canary").name("Smoke test the canary").zeebeJobType("run-smoke-tests");
    var released = Runbooks.eachStage(smokeTested)
          .serviceTask("shift-to-stage-weight").name("Shift traffic to the stage weight").zeebeJobType("shift-traffic")
            .zeebeInputExpression("stage.weight", "weight")
          .callActivity("watch-stage", call -> Runbooks.watch(call.name("Watch the stage"), "stage"))
          .exclusiveGateway("stage-outcome").name("Stage outcome?")
            .condition("passed", "=stageOutcome = \"passed\"")
            .endEvent("stage-passed").name("Stage passed")
          .moveToNode("stage-outcome")
            .condition("breached, investigate", "=stage.onBreach = \"investigate\" and stageOutcome = \"breached\"")
            .userTask("investigate-breach", task -> Flows.decisionTask(task.name("Investigate the breach"),
                Flows.DECIDERS,
                "\"The \" + stage.name + \" stage of \" + service + \" \" + version + \" breached. Keep the release?\"",
                "gate.breachReason"))
            .exclusiveGateway("keep-release").name("Keep the release?")
              .condition("go", Flows.DECIDED_GO)
              .connectTo("watch-stage")
          .moveToNode("keep-release")
            .endEvent("release-rejected").name("Release rejected").error(Runbooks.ROLLBACK_REQUIRED)
          .moveToNode("stage-outcome")
            .endEvent("stage-breached").name("Stage breached").error(Runbooks.ROLLBACK_REQUIRED)
          .subProcessDone()
        .serviceTask("announce-success").name("Announce the rollout").zeebeJobType("notify-slack")
          .zeebeInputExpression("service + \" \" + version + \" is fully rolled out\"", "message")
        .endEvent("rolled-out").name("Rolled out").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED)
        .moveToActivity("run-stages")
          .boundaryEvent("stage-failed").name("Stage failed").error(Runbooks.ROLLBACK_REQUIRED)
          .callActivity("roll-back", call -> Runbooks.rollback(call.name("Roll back the release"), "\"full\"",
              Runbooks.FAILURE_REASON, true))
          .endEvent("rolled-back").name("Rolled back").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED)
        .moveToActivity("smoke-test-canary")
          .boundaryEvent("smoke-failed").name("Smoke tests failed").error(Runbooks.SMOKE_FAILED)
            .zeebeOutputExpression(Runbooks.FAILURE, Runbooks.FAILURE)
          .connectTo("roll-back")
        .moveToActivity("deploy-canary")
          .boundaryEvent("deploy-failed").name("Deploy failed").error(Runbooks.DEPLOY_FAILED)
            .zeebeOutputExpression(Runbooks.DEPLOY_FAILURE, Runbooks.FAILURE)
          .connectTo("roll-back");
    return Runbooks.undoOnChangeNotApplied(released, "run-stages").done();
  }
}
