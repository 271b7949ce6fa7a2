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
 * error {@code DEPLOY_FAILED}. A retried job does not restart twice.
 */
@Component
public class RestartServiceWorker {

  private final ReleaseProviderFactory providers;

  public RestartServiceWorker(ReleaseProviderFactory providers) {
    this.providers = providers;
  }

  @JobWorker(type = "restart-service", fetchVariables = {RUNBOOK, ROLLOUT_ID}, timeout = ReleaseJobs.JOB_TIMEOUT_MILLIS)
  public Map<String, Object> restartService(ActivatedJob job, @Variable(name = RUNBOOK) RunbookSpec runbook,
      @Variable(name = ROLLOUT_ID) String rolloutId) {
    ReleaseChange change = ReleaseChange.restart(runbook.service(), rolloutId, job.getElementInstanceKey());
    ReleaseProvider provider = providers.forTarget(runbook.release());
    return ReleaseJobs.runAndReadBack(provider, runbook.service(), () -> provider.restart(change));
  }
}
