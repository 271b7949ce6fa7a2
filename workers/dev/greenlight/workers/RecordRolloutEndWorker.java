package dev.greenlight.workers;

import dev.greenlight.metrics.GreenlightMetrics;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * {@code record-rollout-end}: the start listener of every end event that ends a rollout. The end event's id tells the
 * outcome (rolled-out, rolled-back, aborted, not-approved…), counted in {@code greenlight_rollouts_ended_total}; the
 * rollout's stage and weight gauges go. Runs as a job, so it works the same against a remote cluster.
 *
 * <p>Run twice: the outcome is counted again in this process's counter (counters start from zero with every process
 * anyway); nothing outside changes.
 */
@Component
public class RecordRolloutEndWorker {

  private final GreenlightMetrics metrics;

  public RecordRolloutEndWorker(GreenlightMetrics metrics) {
    this.metrics = metrics;
  }

  @JobWorker(type = "record-rollout-end", fetchVariables = RolloutVariables.RUNBOOK)
  public void recordRolloutEnd(ActivatedJob job, @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook) {
    metrics.rolloutEnded(runbook.strategy(), runbook.service(), RolloutState.endedAt(job.getElementId()));
  }
}
