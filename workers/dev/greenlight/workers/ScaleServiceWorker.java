package dev.greenlight.workers;

import static dev.greenlight.rollout.RolloutVariables.RELEASE_RESULT;
import static dev.greenlight.rollout.RolloutVariables.REPLICAS;
import static dev.greenlight.rollout.RolloutVariables.ROLLOUT_ID;
import static dev.greenlight.rollout.RolloutVariables.RUNBOOK;

import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseProvider;
import dev.greenlight.integrations.release.ReleaseProviderFactory;
import dev.greenlight.integrations.release.ReleaseResult;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code scale-service}: scales the service to {@code replicas} instances and waits, up to {@code release.deadline},
 * until they are all available. Out: {@code releaseResult} (and {@code callbackToken} for a webhook release). Not
 * available in time: BPMN error {@code DEPLOY_FAILED}. The version live afterwards is read back when the platform can
 * tell. Each scaling is one line in the log.
 *
 * <p>Run twice: the replica count is absolute, so scaling again to it changes nothing.
 */
@Component
public class ScaleServiceWorker {

  private static final Logger log = LoggerFactory.getLogger(ScaleServiceWorker.class);

  private final ReleaseProviderFactory providers;

  public ScaleServiceWorker(ReleaseProviderFactory providers) {
    this.providers = providers;
  }

  @JobWorker(type = "scale-service", fetchVariables = {RUNBOOK, ROLLOUT_ID, REPLICAS},
      timeout = ReleaseJobs.JOB_TIMEOUT_MILLIS)
  public Map<String, Object> scaleService(ActivatedJob job, @Variable(name = RUNBOOK) RunbookSpec runbook,
      @Variable(name = ROLLOUT_ID) String rolloutId, @Variable(name = REPLICAS) Integer replicas) {
    ReleaseChange change = ReleaseChange.scale(runbook.service(), rolloutId, job.getElementInstanceKey(), replicas);
    ReleaseProvider provider = providers.forTarget(runbook.release());
    Map<String, Object> scaled = ReleaseJobs.runAndReadBack(provider, runbook.service(), () -> provider.scale(change));
    log.info("Rollout {}: {}", rolloutId, ((ReleaseResult) scaled.get(RELEASE_RESULT)).detail());
    return scaled;
  }
}
