package dev.greenlight.processes.model;

import dev.greenlight.rollout.ErrorCodes;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.camunda.zeebe.model.bpmn.builder.CallActivityBuilder;
import io.camunda.zeebe.model.bpmn.builder.ProcessBuilder;

/** The pieces every runbook process starts with or can reach: preparation, rollback, abort. */
final class Runbooks {

  static final String ROLLBACK_REQUIRED = ErrorCodes.ROLLBACK_REQUIRED;
  static final String SMOKE_FAILED = ErrorCodes.SMOKE_FAILED;
  static final String DEPLOY_FAILED = ErrorCodes.DEPLOY_FAILED;
  static final String MIGRATION_FAILED = ErrorCodes.MIGRATION_FAILED;
  static final String NOT_APPROVED = ErrorCodes.NOT_APPROVED;

  private Runbooks() {}

  /**
   * Start form (runbook name, version, ticket) → load and validate the runbook → announce → back up the database
   * when the runbook has one. Returns the builder after the backup.
   */
  static AbstractFlowNodeBuilder<?, ?> prepare(ProcessBuilder process, String strategyTitle) {
    return process
        .startEvent("rollout-requested").name("Rollout requested").zeebeFormId(Flows.START_FORM)
        .serviceTask("load-runbook").name("Load and validate the runbook").zeebeJobType("load-runbook")
        .serviceTask("announce-start").name("Announce the rollout start").zeebeJobType("notify-slack")
          .zeebeInputExpression("\"" + strategyTitle + " of \" + service + \" \" + version + \" started (\" + rolloutId + \")\"", "message")
        .exclusiveGateway("database-to-back-up").name("Database in the runbook?")
          .condition("yes", "=runbook.database != null")
          .serviceTask("back-up-database").name("Back up the database").zeebeJobType("backup-database")
          .exclusiveGateway("backup-handled")
        .moveToNode("database-to-back-up")
          .connectTo("backup-handled");
  }

  /** The shared rollback call activity with its inputs. */
  static CallActivityBuilder rollback(CallActivityBuilder call, String mode, String reasonExpression, boolean page) {
    return call.zeebeProcessId(RollbackModel.PROCESS_ID)
        .zeebePropagateAllChildVariables(false)
        .zeebeInputExpression("\"" + mode + "\"", "rollbackMode")
        .zeebeInputExpression(reasonExpression, "rollbackReason")
        .zeebeInputExpression(String.valueOf(page), "pageOncall");
  }

  /** An interrupting event sub-process: message {@code abort-rollout} for this rollout rolls back from anywhere. */
  static void abortAnywhere(ProcessBuilder process) {
    process.eventSubProcess("abort", sub -> sub.name("Abort on request")
        .startEvent("abort-requested").name("Abort requested").interrupting(true)
          .message(m -> m.name(Flows.ABORT_MESSAGE).zeebeCorrelationKeyExpression("rolloutId"))
        .callActivity("roll-back-on-abort",
            call -> rollback(call.name("Roll back on request"), "FULL", "\"aborted by \" + abortedBy + \": \" + abortReason", false))
        .endEvent("aborted").name("Aborted"));
  }
}
