package dev.greenlight.workers;

import static dev.greenlight.rollout.RolloutVariables.RELEASE_RESULT;
import static dev.greenlight.rollout.RolloutVariables.ROLLOUT_ID;
import static dev.greenlight.rollout.RolloutVariables.RUNBOOK;

import dev.greenlight.integrations.release.ReleaseAction;
import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseProviderFactory;
import dev.greenlight.integrations.release.ReleaseResult;
import dev.greenlight.spec.ReleaseTarget;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code stop-queue-workers}: scales the queue workers the runbook names ({@code release.queueWorkers}) to zero and
 * waits, up to {@code release.deadline}, until none runs; the service itself keeps running. A runbook without queue
 * workers (or without a release section) is recorded as skipped. Out: {@code releaseResult}.
 *
 * <p>Run twice: the replica count is absolute (zero), so scaling again changes nothing.
 */
@Component
public class StopQueueWorkersWorker {

  private static final Logger log = LoggerFactory.getLogger(StopQueueWorkersWorker.class);

  private final ReleaseProviderFactory providers;

  public StopQueueWorkersWorker(ReleaseProviderFactory providers) {
    this.providers = providers;
  }

  @JobWorker(type = "stop-queue-workers", fetchVariables = {RUNBOOK, ROLLOUT_ID},
      timeout = ReleaseJobs.JOB_TIMEOUT_MILLIS)
  public Map<String, Object> stopQueueWorkers(ActivatedJob job, @Variable(name = RUNBOOK) RunbookSpec runbook,
      @Variable(name = ROLLOUT_ID) String rolloutId) {
    ReleaseTarget release = runbook.release();
    Map<String, Object> stopped;
    if (release == null || release.queueWorkers() == null) {
      stopped = Map.of(RELEASE_RESULT, ReleaseResult.skipped(ReleaseAction.SCALE, release == null ? "none"
          : release.provider().specName(), "the runbook names no queue workers (release.queueWorkers), so none were stopped"));
    } else {
      ReleaseChange change = ReleaseChange.scale(release.queueWorkers(), rolloutId, job.getElementInstanceKey(), 0);
      stopped = ReleaseJobs.run(() -> providers.forTarget(release.forQueueWorkers()).scale(change));
    }
    log.info("Rollout {}: rollback step: {}", rolloutId, ((ReleaseResult) stopped.get(RELEASE_RESULT)).detail());
    return stopped;
  }
}
