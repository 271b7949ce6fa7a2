package dev.greenlight.workers;

import dev.greenlight.integrations.migrations.MigrationFailedException;
import dev.greenlight.integrations.migrations.MigrationReport;
import dev.greenlight.integrations.migrations.SchemaMigrationsFactory;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code run-migrations}: applies the runbook's schema migrations, result in {@code migration}. A migration that fails
 * is undone and throws {@code MIGRATION_FAILED} with the report (what was done, last output) in {@code migration}.
 *
 * <p>Run twice: Liquibase skips the changesets it applied and keeps the tag of the first attempt; a migration command
 * must skip what it applied, as migration tools do by design.
 */
@Component
public class RunMigrationsWorker {

  private final SchemaMigrationsFactory migrations;

  public RunMigrationsWorker(SchemaMigrationsFactory migrations) {
    this.migrations = migrations;
  }

  @JobWorker(type = "run-migrations", timeout = 2 * 60 * 60 * 1000L,
      fetchVariables = {RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID})
  public Map<String, MigrationReport> runMigrations(
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.ROLLOUT_ID) String rolloutId) {
    try {
      return Map.of(RolloutVariables.MIGRATION,
          migrations.forDatabase(runbook.database()).migrate(runbook.database(), rolloutId));
    } catch (MigrationFailedException failed) {
      throw CamundaError.bpmnError(ErrorCodes.MIGRATION_FAILED, failed.getMessage(),
          Map.of(RolloutVariables.MIGRATION, failed.report()), failed);
    }
  }
}
