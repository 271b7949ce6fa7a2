package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.greenlight.integrations.database.BackupReceipt;
import dev.greenlight.integrations.database.DataSinceBackup;
import dev.greenlight.integrations.database.DataSinceBackup.TableSinceBackup;
import dev.greenlight.integrations.database.RestoreMismatchException.RowCountDifference;
import dev.greenlight.integrations.database.RestoreReport;
import dev.greenlight.integrations.database.postgres.FileStoreFreeSpace;
import dev.greenlight.integrations.database.postgres.PostgresAccess;
import dev.greenlight.integrations.database.postgres.PostgresBackups;
import dev.greenlight.integrations.database.postgres.PostgresClientProperties;
import dev.greenlight.integrations.migrations.CommandMigrations;
import dev.greenlight.integrations.migrations.LiquibaseMigrations;
import dev.greenlight.integrations.migrations.MigrationReport;
import dev.greenlight.integrations.migrations.SchemaMigrationsFactory;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.DatabaseTarget.MigrationTool;
import dev.greenlight.spec.DatabaseTarget.Migrations;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.support.LocalPostgres;
import dev.greenlight.support.ShopDatabase;
import dev.greenlight.support.TestBounds;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The database workers called directly, on a real PostgreSQL with the real client programs. */
class DatabaseWorkersTest {

  @RegisterExtension static final LocalPostgres postgres = LocalPostgres.forTestClass("pg_dump", "pg_restore");

  @TempDir Path backups;
  ShopDatabase shop;
  PostgresAccess access = new PostgresAccess(ShopDatabase.secrets());
  CommandRunner runner = TestBounds.runner("/usr/bin/pg_dump", "/usr/bin/pg_restore");
  PostgresBackups postgresBackups = new PostgresBackups(access, new PostgresClientProperties(null, null),
      runner, new FileStoreFreeSpace(), TestBounds.files(Path.of(System.getProperty("java.io.tmpdir"))),
      Clock.systemUTC());
  SchemaMigrationsFactory migrations = new SchemaMigrationsFactory(new LiquibaseMigrations(access),
      new CommandMigrations(runner, access));

  @BeforeEach
  void createShop() {
    shop = ShopDatabase.create(postgres);
  }

  static ActivatedJob job(long elementInstanceKey) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getElementInstanceKey()).thenReturn(elementInstanceKey);
    return job;
  }

  RunbookSpec runbook(Migrations migrations) {
    return ShopDatabase.runbook(shop.target(backups, migrations));
  }

  @Test
  void backupCountDumpAndRestoreThroughTheWorkers() {
    var before = shop.allRows();
    BackupDatabaseWorker backup = new BackupDatabaseWorker(postgresBackups);
    DumpLiveDatabaseWorker dumpLive = new DumpLiveDatabaseWorker(postgresBackups);

    Map<String, BackupReceipt> taken = backup.backupDatabase(job(42), runbook(null), "rollout-1");
    Map<String, BackupReceipt> retried = backup.backupDatabase(job(42), runbook(null), "rollout-1");

    BackupReceipt receipt = taken.get(RolloutVariables.BACKUP);
    assertThat(retried).isEqualTo(taken);
    assertThat(Path.of(receipt.file()).getFileName().toString()).startsWith("shop-rollout-1-").endsWith(".dump");

    shop.execute("DELETE FROM orders WHERE id = 13");
    DataSinceBackup since = new CountRowsSinceBackupWorker(postgresBackups).countRowsSinceBackup(runbook(null), receipt)
        .get(RolloutVariables.SINCE_BACKUP);
    BackupReceipt liveDump = dumpLive.dumpLiveDatabase(job(43), runbook(null), "rollout-1")
        .get(RolloutVariables.LIVE_DUMP);
    Map<String, RestoreReport> restored =
        new RestoreDatabaseWorker(postgresBackups).restoreDatabase(runbook(null), receipt, liveDump);

    assertThat(since.tables()).extracting(TableSinceBackup::now).containsExactly(3L, 3L);
    assertThat(dumpLive.dumpLiveDatabase(job(43), runbook(null), "rollout-1").get(RolloutVariables.LIVE_DUMP))
        .as("a retried dump returns the one taken").isEqualTo(liveDump);
    assertThat(liveDump.rowCounts()).containsEntry("orders", 3L);
    assertThat(restored.get(RolloutVariables.RESTORE).rowCounts()).isEqualTo(receipt.rowCounts());
    assertThat(restored.get(RolloutVariables.RESTORE).liveDumpFile()).isEqualTo(liveDump.file());
    assertThat(shop.allRows()).isEqualTo(before);
  }

  @Test
  void aMigrationRollbackTheToolRefusesIsABpmnErrorWithItsAnswer() {
    RunbookSpec runbook =
        runbook(new Migrations(MigrationTool.LIQUIBASE, "liquibase/irreversible.xml", null, null, null, null));
    new RunMigrationsWorker(migrations).runMigrations(runbook, "rollout-6");

    assertThatThrownBy(() -> new RollbackMigrationsWorker(migrations).rollbackMigrations(runbook, "rollout-6"))
        .isInstanceOfSatisfying(BpmnError.class, error -> {
          assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.MIGRATION_ROLLBACK_FAILED);
          assertThat(error.getErrorMessage()).contains("could not roll liquibase/irreversible.xml back to tag"
              + " greenlight-before-rollout-6");
          MigrationReport report =
              (MigrationReport) ((Map<?, ?>) error.getVariables()).get(RolloutVariables.MIGRATION_ROLLBACK);
          assertThat(report.applied()).isTrue();
          assertThat(report.outcome()).startsWith("rolling back to tag greenlight-before-rollout-6 failed: ")
              .endsWith("No inverse to liquibase.change.core.RawSQLChange created");
        });
    assertThat(shop.columns("customers")).extracting(column -> column.get("column_name")).contains("referral_code");
  }

  @Test
  void aRestoreMismatchIsABpmnErrorWithTheDifferences() {
    BackupReceipt receipt = new BackupDatabaseWorker(postgresBackups)
        .backupDatabase(job(1), runbook(null), "rollout-2").get(RolloutVariables.BACKUP);
    BackupReceipt claimsMore = new BackupReceipt(receipt.file(), receipt.sizeBytes(), receipt.sha256(),
        Map.of("customers", 30L, "orders", 4L), receipt.takenAt());

    BackupReceipt liveDump = new DumpLiveDatabaseWorker(postgresBackups).dumpLiveDatabase(job(2), runbook(null),
        "rollout-2").get(RolloutVariables.LIVE_DUMP);

    assertThatThrownBy(() -> new RestoreDatabaseWorker(postgresBackups).restoreDatabase(runbook(null), claimsMore,
        liveDump))
        .isInstanceOfSatisfying(BpmnError.class, error -> {
          assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.RESTORE_MISMATCH);
          assertThat(error.getErrorMessage()).contains("customers has 3 rows, the backup had 30");
          assertThat(error.getVariables()).isEqualTo(Map.of(RolloutVariables.RESTORE_DIFFERENCES,
              Map.of("customers", new RowCountDifference(30, 3))));
        });
  }

  @Test
  void migrationsRunAndRollBackThroughTheWorkers() {
    List<Map<String, Object>> columnsBefore = shop.columns("customers");
    RunbookSpec runbook =
        runbook(new Migrations(MigrationTool.LIQUIBASE, "liquibase/loyalty-tiers.xml", null, null, null, null));

    MigrationReport migrated =
        new RunMigrationsWorker(migrations).runMigrations(runbook, "rollout-3").get(RolloutVariables.MIGRATION);
    MigrationReport rolledBack = new RollbackMigrationsWorker(migrations).rollbackMigrations(runbook, "rollout-3")
        .get(RolloutVariables.MIGRATION_ROLLBACK);

    assertThat(migrated.rollbackPoint()).isEqualTo("greenlight-before-rollout-3");
    assertThat(migrated.applied()).isTrue();
    assertThat(rolledBack.outcome()).isEqualTo("rolled back to tag greenlight-before-rollout-3");
    assertThat(rolledBack.applied()).isFalse();
    assertThat(shop.columns("customers")).isEqualTo(columnsBefore);
  }

  @Test
  void aFailedMigrationIsABpmnErrorWithTheReport() {
    List<Map<String, Object>> columnsBefore = shop.columns("customers");
    RunbookSpec runbook =
        runbook(new Migrations(MigrationTool.LIQUIBASE, "liquibase/failing.xml", null, null, null, null));

    assertThatThrownBy(() -> new RunMigrationsWorker(migrations).runMigrations(runbook, "rollout-4"))
        .isInstanceOfSatisfying(BpmnError.class, error -> {
          assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.MIGRATION_FAILED);
          assertThat(error.getErrorMessage()).contains("rolled back to tag greenlight-before-rollout-4");
          MigrationReport report = (MigrationReport) ((Map<?, ?>) error.getVariables()).get(RolloutVariables.MIGRATION);
          assertThat(report.outcome()).contains("rolled back");
          assertThat(report.applied()).as("undone, so a rollback must not undo it again").isFalse();
        });
    assertThat(shop.columns("customers")).isEqualTo(columnsBefore);
  }

  @Test
  void aRunbookWithoutMigrationsMigratesNothing() {
    MigrationReport report = new RunMigrationsWorker(migrations).runMigrations(runbook(null), "rollout-5")
        .get(RolloutVariables.MIGRATION);

    assertThat(report.tool()).isEqualTo("none");
    assertThat(report.outcome()).isEqualTo("the runbook has no migrations");
  }

  @Test
  void aRunbookWithoutADatabaseCannotBeBackedUp() {
    RunbookSpec noDatabase = ShopDatabase.runbook(null);

    assertThatThrownBy(() -> new BackupDatabaseWorker(postgresBackups).backupDatabase(job(1), noDatabase, "r"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The runbook has no database section");
  }

  @Test
  void aRolloutIdThatCannotNameAFileIsRefused() {
    assertThatThrownBy(() -> new BackupDatabaseWorker(postgresBackups).backupDatabase(job(1), runbook(null), "../x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The rollout id '../x' cannot name a backup file");
  }
}
