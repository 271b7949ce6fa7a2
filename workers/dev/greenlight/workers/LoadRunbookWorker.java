package dev.greenlight.workers;

import dev.greenlight.metrics.GreenlightMetrics;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.InvalidRunbookException;
import dev.greenlight.spec.RunbookRegistry;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import dev.greenlight.spec.UnknownRunbookException;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code load-runbook}: the registered runbook {@code runbookName}, or the inline {@code runbook} checked again, into
 * {@code runbook} (normalized, defaults applied), {@code service} and {@code strategy}. An invalid or unknown runbook is
 * the BPMN error {@code INVALID_RUNBOOK} whose message lists every error. Every rollout passes here, whoever started
 * it, so it is counted here; the incident process loads runbooks too, but an incident is not a rollout.
 *
 * <p>Run twice: it only reads, so nothing outside changes; the rollout is counted as started again in this process's
 * counter.
 */
@Component
public class LoadRunbookWorker {

  private final RunbookRegistry registry;
  private final SpecReader reader;
  private final GreenlightMetrics metrics;

  public LoadRunbookWorker(RunbookRegistry registry, SpecReader reader, GreenlightMetrics metrics) {
    this.registry = registry;
    this.reader = reader;
    this.metrics = metrics;
  }

  @JobWorker(type = "load-runbook", fetchVariables = {RolloutVariables.RUNBOOK_NAME, RolloutVariables.RUNBOOK})
  public Map<String, Object> loadRunbook(
      ActivatedJob job,
      @Variable(name = RolloutVariables.RUNBOOK_NAME) String runbookName,
      @Variable(name = RolloutVariables.RUNBOOK) Object runbook) {
    RunbookSpec spec;
    try {
      spec = runbook != null ? reader.recheck(runbook, "the inline runbook") : registry.get(requireName(runbookName));
    } catch (InvalidRunbookException | UnknownRunbookException e) {
      throw CamundaError.bpmnError(ErrorCodes.INVALID_RUNBOOK, e.getMessage());
    }
    if (spec.strategy().processId().equals(job.getBpmnProcessId())) {
      metrics.rolloutStarted(spec.strategy(), spec.service());
    }
    return Map.of(
        RolloutVariables.RUNBOOK, spec,
        RolloutVariables.SERVICE, spec.service(),
        RolloutVariables.STRATEGY, spec.strategy().specName());
  }

  private static String requireName(String runbookName) {
    if (runbookName == null || runbookName.isBlank()) {
      throw CamundaError.bpmnError(ErrorCodes.INVALID_RUNBOOK, "The rollout names no runbook: set the variable "
          + RolloutVariables.RUNBOOK_NAME + " to a registered runbook or " + RolloutVariables.RUNBOOK
          + " to a spec");
    }
    return runbookName;
  }
}
