package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.camunda.zeebe.model.bpmn.builder.ProcessBuilder;

/**
 * Seed 000, {@code feature-flag-rollout}. Phase 1 deploys with the new system off (checklist, backup, deploy,
 * migrations, flags verified off, smoke tests, 30-minute stability watch, go/no-go). Phase 2 runs compare mode for the
 * spec's 24-48 h with a daily report; a breach (discrepancies, errors, a red flag) rolls back at once, the quick
 * rollback of seed 000 unless a red flag names another, and never reaches the switch question; a clean window asks
 * go/no-go with the latest report. Phase 3 switches, watches intensively for 24 h with an hourly smoke run, writes the
 * post-deployment checks (seed 001: after the first period, at the end of the watch and before the review) and a week
 * later asks for the post-deployment review. Red flags roll back at once (quick or full, as the trigger says); a no-go
 * turns the new system off; abort rolls back fully from anywhere. The runbook's three stages are, in order, the
 * dark-launch watch, compare mode and the switch watch. Flags that do not read back as off after the deploy undo the
 * release, and the rollout ends failed.
 */
final class FeatureFlagRolloutModel {

  static final String PROCESS_ID = "feature-flag-rollout";

  private FeatureFlagRolloutModel() {}

  static BpmnModelInstance build() {
    ProcessBuilder process = Bpmn.createExecutableProcess(PROCESS_ID).name("Feature-flag rollout");
    Runbooks.abortAnywhere(process);
    AbstractFlowNodeBuilder<?, ?> checklist = Runbooks.start(process, "Feature-flag rollout")
        .userTask("confirm-checklist", task -> Flows.decisionTask(task.name("Confirm the pre-deployment checklist"),
            Flows.DECIDERS,
            "\"Is the pre-deployment checklist complete for \" + service + \" \" + version + \"?\"",
            "\"Code review and tests passed, migration tested on a backup, rollback prepared, flags and monitoring"
                + " configured, on-call assigned, team notified.\""))
        .exclusiveGateway("checklist-complete").name("Checklist complete?")
          .condition("no-go", Flows.DECIDED_NO_GO)
          .endEvent("checklist-not-approved").name("Not approved: checklist").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED)
        .moveToNode("checklist-complete");
    AbstractFlowNodeBuilder<?, ?> deployed = Runbooks.backUpDatabase(checklist)
        .callActivity("deploy-disabled",
            call -> ReleaseVersionModel.call(call.name("Deploy the code with the new system off"), "deploy"));
    var released = Runbooks.migrate(deployed)
        .serviceTask("verify-flags-off").name("Verify the new system is off").zeebeJobType("set-feature-flag")
          .zeebeInputExpression("{useNewSystem: false, compareMode: false}", "flags")
        .serviceTask("smoke-test-legacy").name("Smoke test the legacy path").zeebeJobType("run-smoke-tests")
        .callActivity("watch-stability", call -> Runbooks.watch(call.name("Watch stability"),
            "runbook.stages[1]"))
        .exclusiveGateway("stable").name("Stable?")
          .condition("breached", "=stageOutcome != \"passed\"")
          .callActivity("roll-back", call -> Runbooks.rollback(call.name("Roll back"),
              Runbooks.breachRollbackMode("quick"), Runbooks.FAILURE_REASON, true))
          .endEvent("rolled-back").name("Rolled back").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED).terminate()
        .moveToNode("stable")
        .userTask("approve-compare-mode", task -> Flows.decisionTask(task.name("Go/no-go: compare mode"),
            Flows.DECIDERS, "\"Dark launch of \" + service + \" \" + version + \" is stable. Enable compare mode?\"",
            "\"The stability watch passed with the new system off.\""))
        .exclusiveGateway("compare-approved").name("Go for compare mode?")
          .condition("no-go", Flows.DECIDED_NO_GO)
          .callActivity("turn-off-not-approved", call -> Runbooks.rollback(call.name("Turn the new system off"),
              "\"quick\"", "\"not approved by \" + decision.decidedBy", false))
          .endEvent("not-approved").name("Not approved").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED).terminate()
        .moveToNode("compare-approved")
        .serviceTask("enable-compare-mode").name("Enable compare mode").zeebeJobType("set-feature-flag")
          .zeebeInputExpression("{compareMode: true}", "flags")
        .serviceTask("verify-both-paths").name("Verify both paths run").zeebeJobType("run-smoke-tests")
        .callActivity("watch-compare-mode", call -> Runbooks.watch(call.name("Compare legacy and new results"),
            "runbook.stages[2]"))
        .exclusiveGateway("compare-outcome").name("Compare mode clean?")
          .condition("breached", "=stageOutcome != \"passed\"")
          .connectTo("roll-back")
        .moveToNode("compare-outcome")
        .userTask("approve-switch", task -> Flows.decisionTask(task.name("Go/no-go: switch to the new system"),
            Flows.DECIDERS, "\"Switch \" + service + \" to the new system?\"",
            "\"Compare mode ran its full window without a breach.\""
                + " + (if lastReport = null then \"\" else \" Latest report: \" + lastReport.summary)"))
        .exclusiveGateway("switch-approved").name("Go for the switch?")
          .condition("no-go", Flows.DECIDED_NO_GO)
          .connectTo("turn-off-not-approved")
        .moveToNode("switch-approved")
        .serviceTask("switch-flags").name("Switch to the new system").zeebeJobType("set-feature-flag")
          .zeebeInputExpression("{useNewSystem: true, compareMode: false}", "flags")
        .serviceTask("smoke-test-new-system").name("Smoke test the new system").zeebeJobType("run-smoke-tests")
        .callActivity("watch-switch", call -> Runbooks.watch(call.name("Watch the new system intensively"),
            "runbook.stages[3]"))
        .exclusiveGateway("switch-outcome").name("Healthy on the new system?")
          .condition("breached", "=stageOutcome != \"passed\"")
          .connectTo("roll-back")
        .moveToNode("switch-outcome")
        .serviceTask("check-after-a-day").name("Post-deployment check after the switch watch")
          .zeebeJobType("write-report")
          .zeebeInputExpression("\"post-deployment-check\"", "reportKind")
        .intermediateCatchEvent("wait-for-review").name("Wait for the post-deployment review")
          .timerWithDurationExpression("runbook.reviewAfter")
        .serviceTask("check-before-review").name("Post-deployment check before the review")
          .zeebeJobType("write-report")
          .zeebeInputExpression("\"post-deployment-check\"", "reportKind")
        .userTask("post-deployment-review", task -> Flows.decisionTask(task.name("Post-deployment review"),
            Flows.DECIDERS, "\"A week on the new system: keep it?\"",
            "\"Review the reports, incidents and user feedback of the past week.\""))
        .exclusiveGateway("keep-new-system").name("Keep the new system?")
          .condition("no-go", Flows.DECIDED_NO_GO)
          .connectTo("turn-off-not-approved")
        .moveToNode("keep-new-system")
        .serviceTask("announce-done").name("Announce the rollout").zeebeJobType("notify-slack")
          .zeebeInputExpression("service + \" \" + version + \" runs on the new system\"", "message")
        .endEvent("rolled-out").name("Rolled out").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED)
        .moveToActivity("watch-compare-mode")
          .boundaryEvent("report-due").name("Report due").cancelActivity(false)
            .timerWithCycleExpression("\"R/\" + runbook.stages[2].reportEvery")
          .callActivity("daily-report", call -> DailyReportModel.call(call.name("Daily compare report"), "compare-daily")
              .zeebeOutputExpression("report", "lastReport"))
          .endEvent("report-done").name("Report done")
        .moveToActivity("watch-switch")
          .boundaryEvent("smoke-run-due").name("Smoke run due").cancelActivity(false)
            .timerWithCycleExpression("\"R/\" + runbook.stages[3].reportEvery")
          .serviceTask("hourly-smoke-test").name("Periodic smoke test").zeebeJobType("run-smoke-tests")
          .endEvent("smoke-run-done").name("Smoke run done")
        .moveToActivity("watch-switch")
          .boundaryEvent("first-check-due").name("First post-deployment check due").cancelActivity(false)
            .timerWithDurationExpression("runbook.stages[3].reportEvery")
          .serviceTask("check-after-the-first-period").name("Post-deployment check after the first period")
            .zeebeJobType("write-report")
            .zeebeInputExpression("\"post-deployment-check\"", "reportKind")
          .endEvent("first-check-done").name("First check done")
        .moveToActivity("hourly-smoke-test")
          .boundaryEvent("periodic-smoke-failed").name("Smoke test failed").error(Runbooks.SMOKE_FAILED)
            .zeebeOutputExpression(Runbooks.FAILURE, Runbooks.FAILURE)
          .connectTo("roll-back")
        .moveToActivity("smoke-test-legacy")
          .boundaryEvent("legacy-smoke-failed").name("Smoke test failed").error(Runbooks.SMOKE_FAILED)
            .zeebeOutputExpression(Runbooks.FAILURE, Runbooks.FAILURE)
          .connectTo("roll-back")
        .moveToActivity("smoke-test-new-system")
          .boundaryEvent("new-system-smoke-failed").name("Smoke test failed").error(Runbooks.SMOKE_FAILED)
            .zeebeOutputExpression(Runbooks.FAILURE, Runbooks.FAILURE)
          .connectTo("roll-back")
        .moveToActivity("verify-both-paths")
          .boundaryEvent("compare-smoke-failed").name("Smoke test failed").error(Runbooks.SMOKE_FAILED)
            .zeebeOutputExpression(Runbooks.FAILURE, Runbooks.FAILURE)
          .connectTo("roll-back")
        .moveToActivity("deploy-disabled")
          .boundaryEvent("deploy-failed").name("Deploy failed").error(Runbooks.DEPLOY_FAILED)
            .zeebeOutputExpression(Runbooks.DEPLOY_FAILURE, Runbooks.FAILURE)
          .callActivity("roll-back-fully", call -> Runbooks.rollback(call.name("Roll back fully"),
              "\"full\"", Runbooks.FAILURE_REASON, true))
          .endEvent("rolled-back-fully").name("Rolled back fully").zeebeStartExecutionListener(Runbooks.ROLLOUT_ENDED).terminate()
        .moveToActivity("run-migrations")
          .boundaryEvent("migration-failed").name("Migration failed").error(Runbooks.MIGRATION_FAILED)
            .zeebeOutputExpression(Runbooks.FAILURE, Runbooks.FAILURE)
          .connectTo("roll-back-fully");
    return Runbooks.undoOnChangeNotApplied(released, "verify-flags-off").done();
  }
}
