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
  static final String CHANGE_NOT_APPLIED = ErrorCodes.CHANGE_NOT_APPLIED;
  static final String NOT_APPROVED = ErrorCodes.NOT_APPROVED;
  /**
   * Job type of the start listener on every end event that ends a rollout: records the outcome (the end event's id)
   * in Greenlight's metrics, in embedded and remote mode alike.
   */
  static final String ROLLOUT_ENDED = "record-rollout-end";
  /** Job types of the start and end listeners of every stage's monitoring window: a log line each. */
  static final String STAGE_STARTED = "record-stage-start";
  static final String STAGE_ENDED = "record-stage-end";

  /**
   * The message of the error a worker threw ({@code failureReason}, an error variable set by Greenlight's job
   * handling): an error boundary event keeps it in the rollout with an output mapping of this name.
   */
  static final String FAILURE = "failureReason";

  /**
   * The reason a deploy failed: the worker's message, or, when the release pipeline answered with a failure or not at
   * all (an error end event of {@code release-version} carries no message), that.
   */
  static final String DEPLOY_FAILURE = "if failureReason = null then \"the release pipeline reported a failure or did"
      + " not answer within release.deadline\" else failureReason";

  /**
   * Why a rollback happens, for Slack, the page and the end state: what a worker said failed (a smoke test, a deploy,
   * a change not applied), else the no-go that rejected the release, else the gate's breach.
   */
  static final String FAILURE_REASON = "if failureReason != null then failureReason"
      + " else if decision != null and decision.outcome = \"no-go\" then \"no-go by \" + decision.decidedBy"
      + " + (if decision.comment = null or decision.comment = \"\" then \"\" else \": \" + decision.comment)"
      + " else if gate != null and gate.breachReason != null then gate.breachReason"
      + " else \"a step of the rollout failed\"";

  private Runbooks() {}

  /**
   * Start form (runbook name, version, ticket) → load and validate the runbook → announce. An invalid runbook ends
   * the rollout before anything is touched.
   */
  static AbstractFlowNodeBuilder<?, ?> start(ProcessBuilder process, String strategyTitle) {
    io.camunda.zeebe.model.bpmn.builder.ServiceTaskBuilder loaded = process
        .startEvent("rollout-requested").name("Rollout requested").zeebeFormId(Flows.START_FORM)
        .serviceTask("load-runbook").name("Load and validate the runbook").zeebeJobType("load-runbook");
    loaded.boundaryEvent("runbook-invalid").name("Runbook invalid").error(ErrorCodes.INVALID_RUNBOOK)
          .zeebeOutputExpression(FAILURE, FAILURE)
        .endEvent("not-started").name("Not started: invalid runbook");
    return loaded.moveToNode("load-runbook")
        .serviceTask("announce-start").name("Announce the rollout start").zeebeJobType("notify-slack")
          .zeebeInputExpression("\"" + strategyTitle + " of \" + service + \" \" + version + \" started (\" + rolloutId + \")\"", "message");
  }

  /** Backs up the database when the runbook has one. */
  static AbstractFlowNodeBuilder<?, ?> backUpDatabase(AbstractFlowNodeBuilder<?, ?> flow) {
    return Flows.onlyIf(flow, "database-to-back-up", "Database in the runbook?", "yes", "runbook.database != null",
        "backup-handled", step -> step
            .serviceTask("back-up-database").name("Back up the database").zeebeJobType("backup-database"));
  }

  /** A sequential loop over the runbook's stages, each iteration with its {@code stage}; returns its start event. */
  static io.camunda.zeebe.model.bpmn.builder.StartEventBuilder eachStage(AbstractFlowNodeBuilder<?, ?> flow) {
    return flow
        .subProcess("run-stages").name("Run the stages")
          .multiInstance().sequential()
            .zeebeInputCollectionExpression("runbook.stages").zeebeInputElement("stage")
          .<io.camunda.zeebe.model.bpmn.builder.SubProcessBuilder>multiInstanceDone()
          .embeddedSubProcess()
          .startEvent("stage-started").name("Stage started");
  }

  /** Runs the migrations when the runbook has them. */
  static AbstractFlowNodeBuilder<?, ?> migrate(AbstractFlowNodeBuilder<?, ?> flow) {
    return Flows.onlyIf(flow, "migrations-to-run", "Migrations in the runbook?", "yes",
        "runbook.database != null and runbook.database.migrations != null", "migrations-handled", step -> step
            .serviceTask("run-migrations").name("Run the database migrations").zeebeJobType("run-migrations"));
  }

  /**
   * The monitoring window as a call activity: watches {@code stage} from the previous stage's {@code gate}, returns
   * {@code gate} and {@code stageOutcome}; its start and end are logged ({@code record-stage-start}, {@code -end}).
   */
  static io.camunda.zeebe.model.bpmn.builder.CallActivityBuilder watch(
      io.camunda.zeebe.model.bpmn.builder.CallActivityBuilder call, String stageExpression) {
    return call.zeebeProcessId(MonitoringWindowModel.PROCESS_ID)
        .zeebePropagateAllChildVariables(false)
        .zeebeStartExecutionListener(STAGE_STARTED)
        .zeebeEndExecutionListener(STAGE_ENDED)
        .zeebeInputExpression(stageExpression, "stage")
        .zeebeInputExpression("gate", "gate")
        .zeebeOutputExpression("gate", "gate")
        .zeebeOutputExpression("stageOutcome", "stageOutcome");
  }

  /** The rollback a breach calls for: the red flag's own action, else the strategy's default. */
  static String breachRollbackMode(String defaultMode) {
    return "if gate != null and gate.action != null then gate.action else \"" + defaultMode + "\"";
  }

  /**
   * The shared rollback call activity with its inputs; {@code modeExpression} is FEEL (e.g. {@code "full"} quoted).
   * What it did to the database and a restore decision, if one was asked, come back into the rollout's record.
   */
  static CallActivityBuilder rollback(CallActivityBuilder call, String modeExpression, String reasonExpression, boolean page) {
    return call.zeebeProcessId(RollbackModel.PROCESS_ID)
        .zeebePropagateAllChildVariables(false)
        .zeebeInputExpression(modeExpression, "rollbackMode")
        .zeebeInputExpression(reasonExpression, "rollbackReason")
        .zeebeInputExpression(String.valueOf(page), "pageOncall")
        .zeebeInputExpression("null", "databaseRollback")
        .zeebeOutputExpression("databaseRollback", "databaseRollback")
        .zeebeOutputExpression("decisions", "decisions")
        .zeebeOutputExpression("rollbackReason", "rollbackReason");
  }

  /**
   * A traffic or flag change after the deploy that the router or flag store did not apply: nothing stays half-applied.
   * The release is undone in full (traffic, flags, version, migrations) and the rollout ends failed, saying which
   * change failed.
   */
  static AbstractFlowNodeBuilder<?, ?> undoOnChangeNotApplied(AbstractFlowNodeBuilder<?, ?> flow, String changeId) {
    return flow.moveToActivity(changeId).boundaryEvent("change-not-applied").name("Change not applied")
          .error(CHANGE_NOT_APPLIED).zeebeOutputExpression(FAILURE, FAILURE)
        .callActivity("undo-release", call -> rollback(call.name("Undo the release"), "\"full\"", FAILURE_REASON, true))
        .endEvent("change-failed").name("Failed: change not applied").zeebeStartExecutionListener(ROLLOUT_ENDED);
  }

  /** An interrupting event sub-process: message {@code abort-rollout} for this rollout rolls back from anywhere. */
  static void abortAnywhere(ProcessBuilder process) {
    process.eventSubProcess("abort", sub -> sub.name("Abort on request")
        .startEvent("abort-requested").name("Abort requested").interrupting(true)
          .message(m -> m.name(Flows.ABORT_MESSAGE).zeebeCorrelationKeyExpression("rolloutId"))
        .callActivity("roll-back-on-abort",
            call -> rollback(call.name("Roll back on request"),
                "if abortMode = null then \"full\" else lower case(abortMode)", "\"aborted by \" + abortedBy + \": \" + abortReason", false))
        .endEvent("aborted").name("Aborted").zeebeStartExecutionListener(ROLLOUT_ENDED));
  }
}
