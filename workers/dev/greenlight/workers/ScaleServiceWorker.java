package dev.greenlight.workers;

import static dev.greenlight.rollout.RolloutVariables.REPLICAS;
import static dev.greenlight.rollout.RolloutVariables.ROLLOUT_ID;
import static dev.greenlight.rollout.RolloutVariables.RUNBOOK;

import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseProviderFactory;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code scale-service}: scales the service to {@code replicas} instances and waits, up to {@code release.deadline},
 * until they are all available. Out: {@code releaseResult} (and {@code callbackToken} for a webhook release). Not
 * available in time: BPMN error {@code DEPLOY_FAILED}.
 *
 * <p>Run twice: the replica count is absolute, so scaling again to it changes nothing.
 */
@Component
public class ScaleServiceWorker {

  private final ReleaseProviderFactory providers;
  private final JobReceipts receipts;

  public ScaleServiceWorker(ReleaseProviderFactory providers, JobReceipts receipts) {
    this.providers = providers;
    this.receipts = receipts;
  }

  @JobWorker(type = "scale-service", fetchVariables = {RUNBOOK, ROLLOUT_ID, REPLICAS, JobReceipts.VARIABLE},
      timeout = ReleaseJobs.JOB_TIMEOUT_MILLIS)
  public Map<String, Object> scaleService(ActivatedJob job, @Variable(name = RUNBOOK) RunbookSpec runbook,
      @Variable(name = ROLLOUT_ID) String rolloutId, @Variable(name = REPLICAS) Integer replicas) {
    ReleaseChange change = ReleaseChange.scale(runbook.service(), rolloutId, job.getElementInstanceKey(), replicas);
    return ReleaseJobs.run(() -> providers.forTarget(runbook.release(), receipts.of(job)).scale(change));
  }
}
