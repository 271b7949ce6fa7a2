package dev.greenlight.rehearsal.standins;

import dev.greenlight.integrations.database.BackupKey;
import dev.greenlight.integrations.database.BackupReceipt;
import dev.greenlight.integrations.database.DataSinceBackup;
import dev.greenlight.integrations.database.DatabaseBackups;
import dev.greenlight.integrations.database.RestoreReport;
import dev.greenlight.integrations.database.RowsSinceBackup;
import dev.greenlight.rehearsal.RehearsalApplication;
import dev.greenlight.rehearsal.RehearsalRecorder;
import dev.greenlight.spec.DatabaseTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The database in a rehearsal: records each backup, count, live dump and restore of the runbook's database; nothing is
 * dumped, counted or restored. Receipts name the archives a real backup would have written; the verified tables hold
 * no rows, and nothing is written to them during the rehearsal.
 */
@Component
@Profile(RehearsalApplication.PROFILE)
class RecordingBackups implements DatabaseBackups {

  private final RehearsalRecorder recorder;
  private final Clock clock;

  RecordingBackups(RehearsalRecorder recorder, Clock clock) {
    this.recorder = recorder;
    this.clock = clock;
  }

  @Override
  public BackupReceipt backup(DatabaseTarget database, BackupKey key) {
    String file = archive(database, key, "");
    recorder.call("database", "back up " + database.jdbcUrl() + " to " + file);
    return new BackupReceipt(file, 0, "rehearsal", rowCounts(database), clock.instant());
  }

  @Override
  public BackupReceipt dumpLive(DatabaseTarget database, BackupKey key) {
    String file = archive(database, key, "-live");
    recorder.call("database", "dump the live " + database.jdbcUrl() + " to " + file + " before the restore");
    return new BackupReceipt(file, 0, "rehearsal", rowCounts(database), clock.instant());
  }

  @Override
  public DataSinceBackup sinceBackup(DatabaseTarget database, BackupReceipt backup) {
    DataSinceBackup since = database.verifyTables() == null || database.verifyTables().isEmpty()
        ? RowsSinceBackup.uncounted(backup, "database.verifyTables lists no tables")
        : RowsSinceBackup.compare(backup, backup.rowCounts());
    recorder.call("database", "count the rows of " + database.jdbcUrl() + ": " + since.kept());
    return since;
  }

  @Override
  public RestoreReport restore(DatabaseTarget database, BackupReceipt backup, BackupReceipt liveDump) {
    recorder.call("database", "restore " + backup.file() + " into " + database.jdbcUrl());
    return new RestoreReport(backup.file(), backup.rowCounts(), clock.instant(), liveDump.file());
  }

  private static String archive(DatabaseTarget database, BackupKey key, String suffix) {
    return Path.of(database.backupDirectory(), key.prefix() + suffix + ".dump").toString();
  }

  private static Map<String, Long> rowCounts(DatabaseTarget database) {
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> tables = database.verifyTables() == null ? List.of() : database.verifyTables();
    tables.forEach(table -> counts.put(table, 0L));
    return counts;
  }
}
