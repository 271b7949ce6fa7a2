package dev.greenlight.workers;

import static dev.greenlight.rollout.RolloutVariables.ROLLOUT_ID;
import static dev.greenlight.rollout.RolloutVariables.RUNBOOK;

import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseProvider;
import dev.greenlight.integrations.release.ReleaseProviderFactory;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code restart-service}: restarts the service's instances on the version they run and waits, up to
 * {@code release.deadline}, until they are all back. Out: {@code releaseResult} (and {@code callbackToken} for a
 * webhook release), with the version live afterwards read back when the platform can tell. Not back in time: BPMN
 * error {@code DEPLOY_FAILED}.
 *
 * <p>Run twice: the command provider records the restart in the job's {@link JobReceipts} once done, Kubernetes in the
 * pod template's annotations, so the job handed out again after a crash does not restart a second time.
 */
@Component
public class RestartServiceWorker {

  private final ReleaseProviderFactory providers;
  private final JobReceipts receipts;

  public RestartServiceWorker(ReleaseProviderFactory providers, JobReceipts receipts) {
    this.providers = providers;
    this.receipts = receipts;
  }

  @JobWorker(type = "restart-service", fetchVariables = {RUNBOOK, ROLLOUT_ID, JobReceipts.VARIABLE},
      timeout = ReleaseJobs.JOB_TIMEOUT_MILLIS)
  public Map<String, Object> restartService(ActivatedJob job, @Variable(name = RUNBOOK) RunbookSpec runbook,
      @Variable(name = ROLLOUT_ID) String rolloutId) {
    ReleaseChange change = ReleaseChange.restart(runbook.service(), rolloutId, job.getElementInstanceKey());
    ReleaseProvider provider = providers.forTarget(runbook.release(), receipts.of(job));
    return ReleaseJobs.runAndReadBack(provider, runbook.service(), () -> provider.restart(change));
  }
}
