package dev.greenlight.workers;

import dev.greenlight.integrations.database.BackupKey;
import dev.greenlight.integrations.database.BackupReceipt;
import dev.greenlight.integrations.database.DatabaseBackups;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code backup-database}: a verified {@code pg_dump} of the runbook's database; its receipt in {@code backup}.
 *
 * <p>Run twice: the job, also when handed out again after a crash or to another instance, returns the backup it already
 * took; the backup's receipt is kept beside the archives, keyed by rollout and element instance, and a dump a crash cut
 * short (still under its {@code .partial} name) is taken again. The job timeout outlasts the longest dump
 * ({@code greenlight.database.postgres.timeout}), so no second worker starts the same backup.
 */
@Component
public class BackupDatabaseWorker {

  private final DatabaseBackups backups;

  public BackupDatabaseWorker(DatabaseBackups backups) {
    this.backups = backups;
  }

  @JobWorker(type = "backup-database", timeout = 2 * 60 * 60 * 1000L,
      fetchVariables = {RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID})
  public Map<String, BackupReceipt> backupDatabase(
      ActivatedJob job,
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.ROLLOUT_ID) String rolloutId) {
    BackupKey key = new BackupKey(runbook.service(), rolloutId, job.getElementInstanceKey());
    return Map.of(RolloutVariables.BACKUP, backups.backup(runbook.database(), key));
  }
}
