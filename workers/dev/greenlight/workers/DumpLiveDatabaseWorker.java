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
 * {@code dump-live-database}: a verified {@code pg_dump} of the live database just before a chosen restore replaces
 * it, beside the backups; its receipt in {@code liveDump}.
 *
 * <p>Run twice: the dump is keyed by the rollout and the job's element instance, so the job handed out again
 * finds the verified dump its earlier attempt took and returns it instead of dumping again.
 */
@Component
public class DumpLiveDatabaseWorker {

  private final DatabaseBackups backups;

  public DumpLiveDatabaseWorker(DatabaseBackups backups) {
    this.backups = backups;
  }

  @JobWorker(type = "dump-live-database", timeout = 2 * 60 * 60 * 1000L,
      fetchVariables = {RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID})
  public Map<String, BackupReceipt> dumpLiveDatabase(
      ActivatedJob job,
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.ROLLOUT_ID) String rolloutId) {
    BackupKey key = new BackupKey(runbook.service(), rolloutId, job.getElementInstanceKey());
    return Map.of(RolloutVariables.LIVE_DUMP, backups.dumpLive(runbook.database(), key));
  }
}
