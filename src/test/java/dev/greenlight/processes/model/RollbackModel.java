package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;

/**
 * Call activity {@code rollback}, shared by every runbook. Safety first, people second: traffic back to stable, flags
 * off (all of them for quick and full, one for partial), then for a full rollback the queue workers (staged flags),
 * the previous version, the migrations and the database; only then Slack and, for an automatic rollback, the on-call. Steps the runbook has no target for
 * are skipped. Inputs: {@code rollbackMode} (quick, partial, full), {@code rollbackReason}, {@code disableFlag},
 * {@code pageOncall}.
 */
final class RollbackModel {

  static final String PROCESS_ID = "rollback";

  private RollbackModel() {}

  static BpmnModelInstance build() {
    return Bpmn.createExecutableProcess(PROCESS_ID).name("Rollback")
        .startEvent("rollback-started").name("Rollback started")
        .exclusiveGateway("traffic-to-return").name("Traffic router in the runbook?")
          .condition("yes", "=runbook.traffic != null")
          .serviceTask("return-traffic").name("Return all traffic to stable").zeebeJobType("shift-traffic")
            .zeebeInputExpression("if runbook.strategy = \"blue-green\" then null else 0", "weight")
            .zeebeInputExpression("if runbook.strategy = \"blue-green\" then \"blue\" else null", "side")
          .exclusiveGateway("traffic-returned")
        .moveToNode("traffic-to-return")
          .connectTo("traffic-returned")
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
          .connectTo("flags-changed")
        .exclusiveGateway("workers-to-stop").name("Queue workers to stop?")
          .condition("full, staged flags", "=rollbackMode = \"full\" and runbook.strategy = \"staged-flags\"")
          .serviceTask("stop-workers").name("Stop the queue workers").zeebeJobType("scale-service")
            .zeebeInputExpression("0", "replicas")
          .exclusiveGateway("workers-handled")
        .moveToNode("workers-to-stop")
          .connectTo("workers-handled")
        .exclusiveGateway("full-rollback").name("Full rollback?")
          .condition("full", "=rollbackMode = \"full\" and previousVersion != null")
          .callActivity("revert-version", call -> ReleaseVersionModel.call(call.name("Return to the previous version"), "revert"))
          .exclusiveGateway("version-handled")
        .moveToNode("full-rollback")
          .connectTo("version-handled")
        .exclusiveGateway("migrations-to-undo").name("Migrations applied?")
          .condition("yes", "=rollbackMode = \"full\" and migration != null")
          .serviceTask("rollback-migrations").name("Roll back the migrations").zeebeJobType("rollback-migrations")
          .exclusiveGateway("migrations-handled")
        .moveToNode("migrations-to-undo")
          .connectTo("migrations-handled")
        .exclusiveGateway("backup-to-restore").name("Backup taken?")
          .condition("yes", "=rollbackMode = \"full\" and backup != null")
          .serviceTask("restore-database").name("Restore the database").zeebeJobType("restore-database")
          .exclusiveGateway("database-handled")
        .moveToNode("backup-to-restore")
          .connectTo("database-handled")
        .serviceTask("announce-rollback").name("Tell the team").zeebeJobType("notify-slack")
          .zeebeInputExpression("\"Rolled back \" + service + \" \" + version + \": \" + rollbackReason", "message")
        .exclusiveGateway("page-needed").name("Automatic rollback?")
          .condition("yes", "=pageOncall = true")
          .serviceTask("page-oncall").name("Page the on-call").zeebeJobType("page-oncall")
            .zeebeInputExpression("\"trigger\"", "action")
            .zeebeInputExpression("\"P2\"", "severity")
            .zeebeInputExpression("\"Automatic rollback of \" + service + \" \" + version + \": \" + rollbackReason", "summary")
            .zeebeInputExpression("rolloutId + \"-rollback\"", "incidentId")
          .exclusiveGateway("people-told")
        .moveToNode("page-needed")
          .connectTo("people-told")
        .endEvent("rolled-back").name("Rolled back")
        .done();
  }
}
