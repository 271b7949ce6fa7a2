package dev.greenlight.workers;

import dev.greenlight.integrations.database.BackupReceipt;
import dev.greenlight.integrations.database.DatabaseBackups;
import dev.greenlight.integrations.database.RestoreMismatchException;
import dev.greenlight.integrations.database.RestoreReport;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code restore-database}: restores the backup in {@code backup} over the live database (checksum checked first),
 * only with an intact dump of the live database in {@code liveDump}, and verifies the row counts; result in
 * {@code restore}. Row counts that differ from the backup's throw {@code RESTORE_MISMATCH} with
 * {@code restoreDifferences}. Repeating a restore restores the same archive again, so a retry is safe.
 */
@Component
public class RestoreDatabaseWorker {

  private final DatabaseBackups backups;

  public RestoreDatabaseWorker(DatabaseBackups backups) {
    this.backups = backups;
  }

  @JobWorker(type = "restore-database", timeout = 2 * 60 * 60 * 1000L,
      fetchVariables = {RolloutVariables.RUNBOOK, RolloutVariables.BACKUP, RolloutVariables.LIVE_DUMP})
  public Map<String, RestoreReport> restoreDatabase(
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.BACKUP) BackupReceipt backup,
      @Variable(name = RolloutVariables.LIVE_DUMP) BackupReceipt liveDump) {
    try {
      return Map.of(RolloutVariables.RESTORE, backups.restore(runbook.database(), backup, liveDump));
    } catch (RestoreMismatchException mismatch) {
      throw CamundaError.bpmnError(ErrorCodes.RESTORE_MISMATCH, mismatch.getMessage(),
          Map.of(RolloutVariables.RESTORE_DIFFERENCES, mismatch.differences()), mismatch);
    }
  }
}
