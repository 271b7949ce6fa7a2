package dev.greenlight.processes.model;

import dev.greenlight.rollout.ErrorCodes;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * Call activity {@code database-rollback}, the database part of a full rollback. It rolls the rollout's migrations
 * back and never overwrites live data by itself: the database is left as it is, with the rows written since the backup
 * counted and kept. Only when the migrations could not be rolled back, a backup exists and the runbook says
 * {@code database.restoreOnRollback: ask} are the deciders asked whether to restore the backup, told what that would
 * delete; a chosen restore dumps the live database first. Ends with {@code databaseRollback}: what was done, in one
 * sentence for people and in detail for the rollout's record.
 */
final class DatabaseRollbackModel {

  static final String PROCESS_ID = "database-rollback";

  /** The migrations are (still) in the database; a report from before {@code applied} existed counts as applied. */
  static final String MIGRATIONS_APPLIED = "migration != null and migration.applied != false";
  static final String MIGRATIONS_STUCK = "migrationRollback != null and migrationRollback.applied = true";
  static final String RESTORE_OFFERED = "runbook.database.restoreOnRollback = \"ask\" and backup != null";

  /** What happened to the schema, as the first sentence of the outcome; empty when there were no migrations. */
  private static final String MIGRATIONS_SENTENCE = "if migrationRollback = null then \"\""
      + " else if migrationRollback.applied then \"Migrations could not be rolled back: \" + migrationRollback.outcome"
      + " + \". \""
      + " else \"Migrations \" + migrationRollback.outcome + \". \"";

  /** What happened to the data: restored (with both archives), or left as it was, why and what it keeps. */
  private static final String DATABASE_SENTENCE = "if restore != null then \"Database restored from \" + restore.file"
      + " + \" and verified; the live database was dumped first to \" + liveDump.file + \", so what the restore"
      + " replaced can be recovered from it.\""
      + " else if sinceBackup = null then \"Database left as it was (no backup was taken).\""
      + " else \"Database left as it was\""
      + " + (if restoreDecision != null then \" (restore declined by \" + restoreDecision.decidedBy + \")\""
      + "    else if " + MIGRATIONS_STUCK + " then \" (the runbook says never restore on rollback)\" else \"\")"
      + " + \": \" + sinceBackup.kept + \".\""
      + " + (if " + MIGRATIONS_STUCK + " then \" The previous version runs on the migrated schema until someone"
      + " repairs it.\" else \"\")";

  static final String OUTCOME = "{migrations: migrationRollback, sinceBackup: sinceBackup,"
      + " restoreDecision: restoreDecision, liveDump: liveDump, restore: restore,"
      + " outcome: (" + MIGRATIONS_SENTENCE + ") + (" + DATABASE_SENTENCE + ")}";

  private static final String PAGE_SUMMARY = "\"Migrations of \" + service + \" \" + version + \" could not be"
      + " rolled back: \" + migrationRollback.outcome + (if " + RESTORE_OFFERED + " then \". A decision on restoring"
      + " the backup waits for the deciders.\" else \". No restore is offered; the database is left as it is.\")";
  private static final String ASK_MESSAGE = "\"Rollback of \" + service + \" \" + version + \" (\" + rolloutId"
      + " + \") needs a decision: the migrations could not be rolled back (\" + migrationRollback.outcome + \")."
      + " Restore the backup taken before the rollout over the live database? \" + sinceBackup.restoreWouldLose"
      + " + \" Nothing is restored unless a decider says go (greenlight tasks).\"";
  private static final String QUESTION = "\"The migrations of \" + service + \" \" + version + \" could not be rolled"
      + " back. Restore the backup taken before the rollout over the live database?\"";
  private static final String SUMMARY = "sinceBackup.restoreWouldLose + \" The migrations could not be rolled back: \""
      + " + migrationRollback.outcome + \". Go: the live database is dumped to \" + runbook.database.backupDirectory"
      + " + \" first, then the backup \" + backup.file + \" is restored and its row counts verified. No-go: the"
      + " database stays as it is, migrations included, for a person to repair.\"";

  private DatabaseRollbackModel() {}

  static BpmnModelInstance build() {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(PROCESS_ID).name("Database rollback")
        .startEvent("database-rollback-started").name("Database rollback started");
    flow = Flows.onlyIf(flow, "migrations-to-undo", "Migrations applied?", "yes", MIGRATIONS_APPLIED,
        "migrations-handled", step -> step
            .serviceTask("rollback-migrations").name("Roll back the migrations").zeebeJobType("rollback-migrations"));
    flow = Flows.onlyIf(flow, "backup-to-compare", "Backup taken?", "yes", "backup != null", "backup-compared",
        step -> step
            .serviceTask("count-rows-since-backup").name("Count the rows written since the backup")
            .zeebeJobType("count-rows-since-backup"));
    flow = Flows.onlyIf(flow, "migrations-stuck", "Migrations still applied?", "yes", MIGRATIONS_STUCK,
        "stuck-handled", stuck -> Flows.onlyIf(stuck
            .serviceTask("page-migrations-stuck").name("Page the on-call: migrations not rolled back")
              .zeebeJobType("page-oncall")
              .zeebeInputExpression("\"trigger\"", "action")
              .zeebeInputExpression("\"P1\"", "severity")
              .zeebeInputExpression(PAGE_SUMMARY, "summary")
              .zeebeInputExpression("rolloutId + \"-migrations\"", "incidentId"),
            "restore-offered", "Offer a restore?", "ask, backup taken", RESTORE_OFFERED, "restore-asked",
            offered -> Flows.onlyIf(offered
                .serviceTask("ask-about-restore").name("Tell the team a restore decision waits")
                  .zeebeJobType("notify-slack")
                  .zeebeInputExpression(ASK_MESSAGE, "message")
                .userTask("decide-restore", task -> Flows.decisionTask(
                    task.name("Restore the backup over the live database?"), Flows.DECIDERS, QUESTION, SUMMARY)
                    .zeebeOutputExpression("decision", "restoreDecision")),
                "restore-chosen", "Restore?", "go", "decision.outcome = \"go\"", "restore-decided",
                go -> go
                    .serviceTask("dump-live-database").name("Dump the live database").zeebeJobType("dump-live-database")
                    .serviceTask("restore-database").name("Restore the backup and verify it")
                      .zeebeJobType("restore-database"))));
    return flow
        .scriptTask("sum-up-database").name("Sum up what happened to the database")
          .zeebeExpression(OUTCOME).zeebeResultVariable("databaseRollback")
        .endEvent("database-rolled-back").name("Database rolled back or left as it was")
        .moveToActivity("rollback-migrations")
          .boundaryEvent("migrations-not-rolled-back").name("Migrations not rolled back")
            .error(ErrorCodes.MIGRATION_ROLLBACK_FAILED)
            .zeebeOutputExpression("migrationRollback", "migrationRollback")
          .connectTo("migrations-handled")
        .done();
  }
}
