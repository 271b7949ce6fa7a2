package dev.greenlight.workers;

import dev.greenlight.integrations.migrations.MigrationReport;
import dev.greenlight.integrations.migrations.MigrationRollbackFailedException;
import dev.greenlight.integrations.migrations.SchemaMigrationsFactory;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code rollback-migrations}: undoes the rollout's migrations (Liquibase: back to the tag set before them; command:
 * the rollback command), result in {@code migrationRollback}. When the tool cannot undo them it throws
 * {@code MIGRATION_ROLLBACK_FAILED} with the tool's answer in {@code migrationRollback}: the rollback then leaves the
 * database as it is or asks the deciders about a restore. A fault of its own (the database unreachable) fails the job. Each rollback is one line in the log.
 *
 * <p>Run twice: Liquibase rolls back to the rollout's tag, which changes nothing once the database is there; a
 * migration command must do the same, as migration tools do.
 */
@Component
public class RollbackMigrationsWorker {

  private static final Logger log = LoggerFactory.getLogger(RollbackMigrationsWorker.class);

  private final SchemaMigrationsFactory migrations;

  public RollbackMigrationsWorker(SchemaMigrationsFactory migrations) {
    this.migrations = migrations;
  }

  @JobWorker(type = "rollback-migrations", timeout = 2 * 60 * 60 * 1000L,
      fetchVariables = {RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID})
  public Map<String, MigrationReport> rollbackMigrations(
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.ROLLOUT_ID) String rolloutId) {
    MigrationReport report;
    try {
      report = migrations.forDatabase(runbook.database()).rollback(runbook.database(), rolloutId);
    } catch (MigrationRollbackFailedException refused) {
      throw CamundaError.bpmnError(ErrorCodes.MIGRATION_ROLLBACK_FAILED, refused.getMessage(),
          Map.of(RolloutVariables.MIGRATION_ROLLBACK, refused.report()), refused);
    }
    log.info("Rollout {}: rollback step: migrations rolled back with {} to {}: {}", rolloutId, report.tool(),
        report.rollbackPoint(), report.outcome());
    return Map.of(RolloutVariables.MIGRATION_ROLLBACK, report);
  }
}
