package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * Call activity {@code rollback}, shared by every runbook. Safety first, people second: traffic back to stable, flags
 * off (all of them for quick and full, one for partial), then for a full rollback the queue workers (staged flags),
 * the previous version and the migrations ({@code database-rollback}: live data is kept, a restore is only ever a
 * person's decision); only then Slack and, for an automatic rollback, the on-call. Steps the runbook has no target
 * for are skipped. Inputs: {@code rollbackMode} (quick, partial, full), {@code rollbackReason}, {@code disableFlag},
 * {@code pageOncall}. Returns {@code databaseRollback} and {@code decisions} (with a restore decision, if one was
 * asked).
 */
final class RollbackModel {

  static final String PROCESS_ID = "rollback";

  private RollbackModel() {}

  static BpmnModelInstance build() {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(PROCESS_ID).name("Rollback")
        .startEvent("rollback-started").name("Rollback started");
    flow = Flows.onlyIf(flow, "traffic-to-return", "Traffic router in the runbook?", "yes", "runbook.traffic != null",
        "traffic-returned", step -> step
            .serviceTask("return-traffic").name("Return all traffic to stable").zeebeJobType("shift-traffic")
            .zeebeInputExpression("if runbook.strategy = \"blue-green\" then null else 0", "weight")
            .zeebeInputExpression("if runbook.strategy = \"blue-green\" then \"blue\" else null", "side"));
    flow = flow
        .exclusiveGateway("flags-to-change").name("Which flags?")
          .condition("partial", "=runbook.flags != null and rollbackMode = \"partial\"")
          .serviceTask("disable-failing-feature").name("Turn the failing feature off").zeebeJobType("set-feature-flag")
            .zeebeInputExpression("context put({}, disableFlag, false)", "flags")
          .exclusiveGateway("flags-changed")
        .moveToNode("flags-to-change")
          .condition("quick or full", "=runbook.flags != null and rollbackMode != \"partial\"")
          .serviceTask("disable-new-system").name("Turn the new system off").zeebeJobType("set-feature-flag")
            .zeebeInputExpression("context(for name in get entries(runbook.flags.names) return {key: name.key, value: false})", "flags")
          .connectTo("flags-changed")
        .moveToNode("flags-to-change")
          .connectTo("flags-changed");
    flow = Flows.onlyIf(flow, "workers-to-stop", "Queue workers to stop?", "full, staged flags",
        "rollbackMode = \"full\" and runbook.strategy = \"staged-flags\"", "workers-handled", step -> step
            .serviceTask("stop-workers").name("Stop the queue workers").zeebeJobType("scale-service")
            .zeebeInputExpression("0", "replicas"));
    flow = Flows.onlyIf(flow, "full-rollback", "Full rollback?", "full",
        "rollbackMode = \"full\" and previousVersion != null", "version-handled", step -> step
            .callActivity("revert-version", call -> ReleaseVersionModel.call(call.name("Return to the previous version"), "revert")));
    flow = Flows.onlyIf(flow, "database-to-roll-back", "Database in the runbook?", "full",
        "rollbackMode = \"full\" and runbook.database != null", "database-handled", step -> step
            .callActivity("roll-back-database", call -> call.name("Roll back the migrations, keep the data")
                .zeebeProcessId(DatabaseRollbackModel.PROCESS_ID)
                .zeebePropagateAllChildVariables(false)
                .zeebeOutputExpression("databaseRollback", "databaseRollback")
                .zeebeOutputExpression("decisions", "decisions")));
    flow = flow
        .serviceTask("announce-rollback").name("Tell the team").zeebeJobType("notify-slack")
          .zeebeInputExpression("\"Rolled back \" + service + \" \" + version + \": \" + rollbackReason"
              + " + (if databaseRollback = null then \"\" else \". \" + databaseRollback.outcome)", "message");
    flow = Flows.onlyIf(flow, "page-needed", "Automatic rollback?", "yes", "pageOncall = true", "people-told", step -> step
        .serviceTask("page-oncall").name("Page the on-call").zeebeJobType("page-oncall")
        .zeebeInputExpression("\"trigger\"", "action")
        .zeebeInputExpression("\"P2\"", "severity")
        .zeebeInputExpression("\"Automatic rollback of \" + service + \" \" + version + \": \" + rollbackReason", "summary")
        .zeebeInputExpression("rolloutId + \"-rollback\"", "incidentId"));
    return flow.endEvent("rolled-back").name("Rolled back").done();
  }
}
