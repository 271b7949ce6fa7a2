package dev.greenlight.workers;

import static dev.greenlight.rollout.RolloutVariables.ROLLOUT_ID;
import static dev.greenlight.rollout.RolloutVariables.RUNBOOK;
import static dev.greenlight.rollout.RolloutVariables.TARGET_SIDE;
import static dev.greenlight.rollout.RolloutVariables.VERSION;

import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseProviderFactory;
import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code deploy-version}: rolls the service (the canary, or a blue-green release's idle {@code targetSide}) to
 * {@code version} and waits, up to {@code release.deadline}, until it is live. Out: {@code previousVersion} (what was live before, for revert-version) and
 * {@code releaseResult}. Not live in time, or stuck: BPMN error {@code DEPLOY_FAILED}.
 *
 * <p>Webhook provider: the job completes right after the pipeline accepted the trigger, with {@code callbackToken} (no
 * {@code previousVersion} unless the pipeline reports one in its callback). The process then waits for the message
 * {@code release-callback} correlated on {@code callbackToken}, with a boundary timer of {@code release.deadline}; the
 * message brings {@code releaseCallback} ({@code status} succeeded or failed, {@code version}, {@code url}) and, when the
 * pipeline sends it, {@code previousVersion}.
 *
 * <p>Run twice: the command provider records the version live before in the job's {@link JobReceipts} before deploying
 * and does not deploy a version {@code currentVersion} reports live; Kubernetes sets an absolute image and keeps the
 * previous version in the Deployment's annotations; a pipeline gets the same callback token and sees a repeated trigger
 * as the same request.
 */
@Component
public class DeployVersionWorker {

  private final ReleaseProviderFactory providers;
  private final JobReceipts receipts;

  public DeployVersionWorker(ReleaseProviderFactory providers, JobReceipts receipts) {
    this.providers = providers;
    this.receipts = receipts;
  }

  @JobWorker(type = "deploy-version", fetchVariables = {RUNBOOK, ROLLOUT_ID, VERSION, TARGET_SIDE, JobReceipts.VARIABLE},
      timeout = ReleaseJobs.JOB_TIMEOUT_MILLIS)
  public Map<String, Object> deployVersion(ActivatedJob job, @Variable(name = RUNBOOK) RunbookSpec runbook,
      @Variable(name = ROLLOUT_ID) String rolloutId, @Variable(name = VERSION) String version,
      @Variable(name = TARGET_SIDE, optional = true) String targetSide) {
    ReleaseChange change = ReleaseChange.deploy(runbook.service(), rolloutId, job.getElementInstanceKey(), version);
    return ReleaseJobs.run(() -> providers.forTarget(runbook.release(), receipts.of(job), Side.parseOrNull(targetSide))
        .deploy(change));
  }
}
