package dev.greenlight.workers;

import dev.greenlight.integrations.database.BackupReceipt;
import dev.greenlight.integrations.database.DataSinceBackup;
import dev.greenlight.integrations.database.DatabaseBackups;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code count-rows-since-backup}: counts the verified tables of the live database and compares them with the
 * {@code backup}'s receipt; result in {@code sinceBackup}. Read-only, so a retry is safe; what cannot be counted is
 * said in the result, never a failure that would hold up a rollback.
 *
 * <p>Run twice: it only counts; nothing outside changes.
 */
@Component
public class CountRowsSinceBackupWorker {

  private final DatabaseBackups backups;

  public CountRowsSinceBackupWorker(DatabaseBackups backups) {
    this.backups = backups;
  }

  @JobWorker(type = "count-rows-since-backup",
      fetchVariables = {RolloutVariables.RUNBOOK, RolloutVariables.BACKUP})
  public Map<String, DataSinceBackup> countRowsSinceBackup(
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.BACKUP) BackupReceipt backup) {
    return Map.of(RolloutVariables.SINCE_BACKUP, backups.sinceBackup(runbook.database(), backup));
  }
}
