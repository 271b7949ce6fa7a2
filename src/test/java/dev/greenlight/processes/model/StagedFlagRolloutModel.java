package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.ProcessBuilder;

/**
 * Seed 004, {@code staged-flag-rollout}: deploys the code with the flags closed and runs the migrations (the seed's
 * infrastructure stage; the deploy records the previous version a full rollback returns to), then opens the feature
 * flags stage by stage (5 % → 25 % → 50 % → 100 %, target teams first), holding each stage (48 h) against its
 * validation criteria. A rollback trigger takes its own action:
 * partial (turn one feature off and fall back) or full (all flags off, stop the queue workers, previous version).
 * Ends with the before/after performance report. Flags the flag store does not open as asked undo the release, and
 * the rollout ends failed.
 */
final class StagedFlagRolloutModel {

  static final String PROCESS_ID = "staged-flag-rollout";
  static final String PARTIAL_ROLLBACK = "PARTIAL_ROLLBACK";

  private StagedFlagRolloutModel() {}

  static BpmnModelInstance build() {
    ProcessBuilder process = Bpmn.createExecutableProcess(PROCESS_ID).name("Staged flag rollout");
    Runbooks.abortAnywhere(process);
    var deployed = Flows.onlyIf(Runbooks.backUpDatabase(Runbooks.start(process, "Staged flag rollout")),
        "release-to-deploy", "Release in the runbook?", "yes", "runbook.release != null", "release-handled",
        step -> step.callActivity("deploy-dark", call -> ReleaseVersionModel.call(
            call.name("Deploy the code with the flags closed"), "deploy")));
    var baselineMeasured = Runbooks.migrate(deployed)
        .serviceTask("measure-baseline").name("Measure the baseline").zeebeJobType("write-report")
          .zeebeInputExpression("\"baseline\"", "reportKind");
    var released = Runbooks.eachStage(baselineMeasured)
          .serviceTask("open-flags").name("Open the flags to the stage").zeebeJobType("set-feature-flag")
            .zeebeInputExpression("stage.flags", "flags")
          .callActivity("hold-stage", call -> Runbooks.watch(call.name("Hold and validate the stage"), "stage"))
          .exclusiveGateway("stage-outcome").name("Stage valid?")
            .condition("passed", "=stageOutcome = \"passed\"")
            .endEvent("stage-passed").name("Stage passed")
          .moveToNode("stage-outcome")
            .condition("partial rollback", "=gate != null and gate.action = \"partial\"")
            .endEvent("partial-rollback-needed").name("Partial rollback needed").error(PARTIAL_ROLLBACK)
          .moveToNode("stage-outcome")
            .endEvent("full-rollback-needed").name("Full rollback needed").error(Runbooks.ROLLBACK_REQUIRED)
          .subProcessDone()
        .callActivity("performance-report", call -> DailyReportModel.call(call.name("Before/after performance report"),
            "performance"))
        .endEvent("rolled-out").name("Rolled out").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED)
        .moveToActivity("run-stages")
          .boundaryEvent("stage-failed").name("Full rollback triggered").error(Runbooks.ROLLBACK_REQUIRED)
          .callActivity("full-rollback", call -> Runbooks.rollback(call.name("Full rollback"), "\"full\"",
              Runbooks.FAILURE_REASON, true))
          .endEvent("rolled-back").name("Rolled back").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED)
        .moveToActivity("run-stages")
          .boundaryEvent("feature-failed").name("Partial rollback triggered").error(PARTIAL_ROLLBACK)
          .callActivity("partial-rollback", call -> Runbooks.rollback(call.name("Turn the failing feature off"),
                  "\"partial\"", Runbooks.FAILURE_REASON, true)
              .zeebeInputExpression("runbook.rollbackTriggers[item.name = gate.trigger][1].disableFlag", "disableFlag"))
          .endEvent("partially-rolled-back").name("Partially rolled back").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED)
        .moveToActivity("deploy-dark")
          .boundaryEvent("deploy-failed").name("Deploy failed").error(Runbooks.DEPLOY_FAILED)
            .zeebeOutputExpression(Runbooks.DEPLOY_FAILURE, Runbooks.FAILURE)
          .connectTo("full-rollback")
        .moveToActivity("run-migrations")
          .boundaryEvent("migration-failed").name("Migration failed").error(Runbooks.MIGRATION_FAILED)
            .zeebeOutputExpression(Runbooks.FAILURE, Runbooks.FAILURE)
          .connectTo("full-rollback");
    return Runbooks.undoOnChangeNotApplied(released, "run-stages").done();
  }
}
