package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.integrations.database.BackupReceipt;
import dev.greenlight.integrations.database.DataSinceBackup;
import dev.greenlight.integrations.database.RestoreReport;
import dev.greenlight.integrations.database.RowsSinceBackup;
import dev.greenlight.integrations.migrations.MigrationReport;
import dev.greenlight.spec.DatabaseTarget;
import dev.greenlight.spec.DatabaseTarget.MigrationTool;
import dev.greenlight.spec.DatabaseTarget.Migrations;
import dev.greenlight.spec.DatabaseTarget.RestoreOnRollback;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.support.GreenlightSpringTest;
import io.camunda.client.api.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The database workers are wired in the application, and their variables survive the engine's JSON mapping. */
@GreenlightSpringTest
class DatabaseWorkerVariablesTest {

  @Autowired JsonMapper json;
  @Autowired BackupDatabaseWorker backup;
  @Autowired RestoreDatabaseWorker restore;
  @Autowired RunMigrationsWorker runMigrations;
  @Autowired RollbackMigrationsWorker rollbackMigrations;
  @Autowired DumpLiveDatabaseWorker dumpLive;
  @Autowired CountRowsSinceBackupWorker countRows;

  @Test
  void receiptsReportsAndTheDatabaseSectionRoundTrip() {
    Map<String, Long> rowCounts = new LinkedHashMap<>();
    rowCounts.put("orders", 4L);
    rowCounts.put("public.customers", 3L);
    BackupReceipt receipt = new BackupReceipt("/var/backups/shop-r-1-20261123T101530Z.dump", 3180, "ab".repeat(32),
        rowCounts, Instant.parse("2026-11-23T10:15:30.123Z"));
    MigrationReport report = MigrationReport.applied("command", "alembic downgrade -1",
        "'alembic downgrade -1' exit code 1", List.of("line 1", "line 2"));
    DatabaseTarget database = new DatabaseTarget("jdbc:postgresql://db:5432/shop", "app", "SHOP_DB_PASSWORD",
        "/var/backups", List.of("orders"), new Migrations(MigrationTool.COMMAND, null, List.of("alembic", "upgrade",
        "head"), List.of("alembic", "downgrade", "-1"), "/srv/shop", Duration.ofMinutes(15)), RestoreOnRollback.NEVER);
    RunbookSpec runbook =
        new RunbookSpec("shop", null, null, database, null, null, null, null, null, null, null, null, null);

    DataSinceBackup since = RowsSinceBackup.compare(receipt, Map.of("orders", 9L));
    RestoreReport restored = new RestoreReport(receipt.file(), rowCounts, Instant.parse("2026-11-23T11:00:00Z"),
        "/var/backups/shop-r-1-before-restore-20261123T105959Z.dump");

    assertThat(json.fromJson(json.toJson(receipt), BackupReceipt.class)).isEqualTo(receipt);
    assertThat(json.fromJson(json.toJson(report), MigrationReport.class)).isEqualTo(report);
    assertThat(json.toJson(report)).as("the processes route on migration.applied").contains("\"applied\":true");
    assertThat(json.fromJson(json.toJson(since), DataSinceBackup.class)).isEqualTo(since);
    assertThat(json.fromJson(json.toJson(restored), RestoreReport.class)).isEqualTo(restored);
    assertThat(json.fromJson(json.toJson(runbook), RunbookSpec.class).database()).isEqualTo(database);
    assertThat(json.toJson(database)).contains("\"restoreOnRollback\":\"never\"");
    assertThat(List.of(backup, restore, runMigrations, rollbackMigrations, dumpLive, countRows)).doesNotContainNull();
  }
}
