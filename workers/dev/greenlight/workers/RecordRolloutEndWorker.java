package dev.greenlight.workers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.rollout.RolloutEnds;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * {@code record-rollout-end}: the start listener of every end event that ends a rollout. The end event's id and the
 * rollout's variables tell the outcome (succeeded, rolled-back, partially-rolled-back, aborted, failed, not-approved,
 * with its reason): counted in {@code greenlight_rollouts_ended_total}, filed as the outcome report and posted to Slack; the rollout's
 * stage and weight gauges go. Runs as a job, so it works the same against a remote cluster.
 *
 * <p>Run twice: the outcome report is filed under the end event's element instance, so it is replaced, not doubled; the
 * Slack post carries the same delivery key, so one process posts it once (a crash after the post and before the job
 * completed may post it once more); the outcome is counted again in this process's counter.
 */
@Component
public class RecordRolloutEndWorker {

  private final RolloutEnds ends;
  private final ObjectMapper json;

  public RecordRolloutEndWorker(RolloutEnds ends, ObjectMapper json) {
    this.ends = ends;
    this.json = json;
  }

  @JobWorker(type = "record-rollout-end", fetchVariables = {RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID,
      RolloutVariables.VERSION, RolloutVariables.ROLLBACK_REASON, RolloutVariables.FAILURE_REASON,
      RolloutVariables.ABORTED_BY, RolloutVariables.ABORTED_AT, RolloutVariables.ABORT_REASON,
      RolloutVariables.DECISION, RolloutVariables.DECISIONS, RolloutVariables.FEATURE_TURNED_OFF,
      RolloutVariables.FLAGS_SET})
  public void recordRolloutEnd(ActivatedJob job, @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook) {
    ends.ended(runbook, job.getElementId(), json.valueToTree(job.getVariablesAsMap()), job.getElementInstanceKey());
  }
}
