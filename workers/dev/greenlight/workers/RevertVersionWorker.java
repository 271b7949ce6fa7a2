package dev.greenlight.workers;

import static dev.greenlight.rollout.RolloutVariables.PREVIOUS_VERSION;
import static dev.greenlight.rollout.RolloutVariables.RELEASE_RESULT;
import static dev.greenlight.rollout.RolloutVariables.ROLLOUT_ID;
import static dev.greenlight.rollout.RolloutVariables.RUNBOOK;
import static dev.greenlight.rollout.RolloutVariables.TARGET_SIDE;
import static dev.greenlight.rollout.RolloutVariables.VERSION;

import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseProviderFactory;
import dev.greenlight.integrations.traffic.Side;
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
 * {@code revert-version}: returns the service (a blue-green release's {@code targetSide}) to {@code previousVersion} (recorded by deploy-version) and waits, up to
 * {@code release.deadline}, until it is live. Out: {@code releaseResult} (and {@code callbackToken} for a webhook
 * release, with the same callback contract as deploy-version). Not live in time, or stuck: BPMN error
 * {@code DEPLOY_FAILED}. A revert is a rollback step: one line in the log says what the provider did.
 *
 * <p>Run twice: the command provider does not revert when {@code currentVersion} already reports {@code
 * previousVersion} live; Kubernetes sets an absolute image; a pipeline gets the same callback token.
 */
@Component
public class RevertVersionWorker {

  private static final Logger log = LoggerFactory.getLogger(RevertVersionWorker.class);

  private final ReleaseProviderFactory providers;
  private final JobReceipts receipts;

  public RevertVersionWorker(ReleaseProviderFactory providers, JobReceipts receipts) {
    this.providers = providers;
    this.receipts = receipts;
  }

  @JobWorker(type = "revert-version",
      fetchVariables = {RUNBOOK, ROLLOUT_ID, VERSION, PREVIOUS_VERSION, TARGET_SIDE, JobReceipts.VARIABLE},
      timeout = ReleaseJobs.JOB_TIMEOUT_MILLIS)
  public Map<String, Object> revertVersion(ActivatedJob job, @Variable(name = RUNBOOK) RunbookSpec runbook,
      @Variable(name = ROLLOUT_ID) String rolloutId, @Variable(name = VERSION) String version,
      @Variable(name = PREVIOUS_VERSION) String previousVersion,
      @Variable(name = TARGET_SIDE, optional = true) String targetSide) {
    ReleaseChange change =
        ReleaseChange.revert(runbook.service(), rolloutId, job.getElementInstanceKey(), version, previousVersion);
    Map<String, Object> reverted = ReleaseJobs.run(() -> providers.forTarget(runbook.release(), receipts.of(job),
        Side.parseOrNull(targetSide)).revert(change));
    log.info("Rollout {}: rollback step: {}", rolloutId, ((ReleaseResult) reverted.get(RELEASE_RESULT)).detail());
    return reverted;
  }
}
