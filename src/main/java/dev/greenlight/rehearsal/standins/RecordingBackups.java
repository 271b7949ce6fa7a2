package dev.greenlight.rehearsal.standins;

import dev.greenlight.integrations.database.BackupKey;
import dev.greenlight.integrations.database.BackupReceipt;
import dev.greenlight.integrations.database.DatabaseBackups;
import dev.greenlight.integrations.database.RestoreReport;
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
 * Backups in a rehearsal: records each backup and restore of the runbook's database; nothing is dumped or restored.
 * The receipt names the archive a real backup would have written; its verified tables count no rows.
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
    String file = Path.of(database.backupDirectory(), key.prefix() + ".dump").toString();
    recorder.call("database", "back up " + database.jdbcUrl() + " to " + file);
    return new BackupReceipt(file, 0, "rehearsal", rowCounts(database), clock.instant());
  }

  @Override
  public RestoreReport restore(DatabaseTarget database, BackupReceipt backup) {
    recorder.call("database", "restore " + backup.file() + " into " + database.jdbcUrl());
    return new RestoreReport(backup.file(), backup.rowCounts(), clock.instant());
  }

  private static Map<String, Long> rowCounts(DatabaseTarget database) {
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> tables = database.verifyTables() == null ? List.of() : database.verifyTables();
    tables.forEach(table -> counts.put(table, 0L));
    return counts;
  }
}
