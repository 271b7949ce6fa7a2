package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.ProcessBuilder;

/**
 * Seed 002, {@code blue-green-release}: the six sign-offs first (all must approve); then back up, deploy to green,
 * health and smoke checks on green, migrations, switch traffic to green and watch it (the runbook's first stage, 30
 * minutes). Blue stays as the rollback target: a failure switches back to blue, restores the database and tells people.
 * A switch the router does not apply undoes the release, and the rollout ends failed.
 */
final class BlueGreenReleaseModel {

  static final String PROCESS_ID = "blue-green-release";

  private BlueGreenReleaseModel() {}

  static BpmnModelInstance build() {
    ProcessBuilder process = Bpmn.createExecutableProcess(PROCESS_ID).name("Blue-green release");
    Runbooks.abortAnywhere(process);
    var signedOff = Runbooks.start(process, "Blue-green release")
        .callActivity("collect-sign-offs").name("Collect the sign-offs")
          .zeebeProcessId(SignoffsModel.PROCESS_ID)
          .zeebePropagateAllChildVariables(false)
          .zeebeOutputExpression("signedOff", "signedOff")
          .zeebeOutputExpression("signoffDecisions", "signoffDecisions")
          .zeebeOutputExpression("decisions", "decisions")
        .exclusiveGateway("release-approved").name("Signed off?")
          .condition("rejected", "=signedOff != true")
          .endEvent("not-approved").name("Not approved").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED)
        .moveToNode("release-approved");
    var green = Runbooks.backUpDatabase(signedOff)
        .callActivity("deploy-green", call -> ReleaseVersionModel.call(call.name("Deploy to green"), "deploy")
            .zeebeInputExpression("\"green\"", "side"))
        .serviceTask("check-green").name("Health and smoke checks on green").zeebeJobType("run-smoke-tests");
    var released = Runbooks.migrate(green)
        .serviceTask("switch-to-green").name("Switch traffic to green").zeebeJobType("shift-traffic")
          .zeebeInputExpression("\"green\"", "side")
        .callActivity("watch-green", call -> Runbooks.watch(call.name("Watch green"), "runbook.stages[1]"))
        .exclusiveGateway("green-healthy").name("Green healthy?")
          .condition("breached", "=stageOutcome != \"passed\"")
          .callActivity("switch-back", call -> Runbooks.rollback(call.name("Switch back to blue and restore"),
              "\"full\"", Runbooks.FAILURE_REASON, true))
          .endEvent("rolled-back").name("Rolled back to blue").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED)
        .moveToNode("green-healthy")
        .serviceTask("announce-release").name("Announce the release; blue stays as rollback target")
          .zeebeJobType("notify-slack")
          .zeebeInputExpression("service + \" \" + version + \" is live on green; blue is kept for rollback\"", "message")
        .endEvent("released").name("Released").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED)
        .moveToActivity("deploy-green")
          .boundaryEvent("deploy-failed").name("Deploy failed").error(Runbooks.DEPLOY_FAILED)
            .zeebeOutputExpression(Runbooks.DEPLOY_FAILURE, Runbooks.FAILURE)
          .connectTo("switch-back")
        .moveToActivity("check-green")
          .boundaryEvent("green-unhealthy").name("Checks failed").error(Runbooks.SMOKE_FAILED)
            .zeebeOutputExpression(Runbooks.FAILURE, Runbooks.FAILURE)
          .connectTo("switch-back")
        .moveToActivity("run-migrations")
          .boundaryEvent("migration-failed").name("Migration failed").error(Runbooks.MIGRATION_FAILED)
            .zeebeOutputExpression(Runbooks.FAILURE, Runbooks.FAILURE)
          .connectTo("switch-back");
    return Runbooks.undoOnChangeNotApplied(released, "switch-to-green").done();
  }
}
