package dev.greenlight.workers;

import dev.greenlight.bounds.RunbookOutOfBoundsException;
import dev.greenlight.incidents.IncidentVariables;
import dev.greenlight.metrics.GreenlightMetrics;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.security.ActionLog;
import dev.greenlight.security.RolloutForbiddenException;
import dev.greenlight.security.StartVerification;
import dev.greenlight.security.StartVerification.ClaimedStart;
import dev.greenlight.security.StartVerification.VerifiedStart;
import dev.greenlight.spec.InvalidRunbookException;
import dev.greenlight.spec.RunbookRegistry;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import dev.greenlight.spec.UnknownRunbookException;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code load-runbook}: the registered runbook {@code runbookName}, or the inline {@code runbook} checked again, into
 * {@code runbook} (normalized, defaults applied), {@code service} and {@code strategy}, with the start verified
 * ({@link StartVerification}): {@code startedBy}, {@code startedVia} and {@code runbookSha256} written back as
 * verified, the starter cleared when nobody verified started it. An invalid, unknown or refused runbook is the BPMN error
 * {@code INVALID_RUNBOOK} whose message says why, so the process ends before anything is touched. An incident's seal binds
 * its {@code incidentId}, as a rollout's binds its {@code rolloutId}. Every rollout passes here, whoever started it,
 * so it is counted here; the incident process loads runbooks too, but an incident is not a rollout.
 *
 * <p>Run twice: it only reads, so nothing outside changes; the rollout is counted as started again in this process's
 * counter.
 */
@Component
public class LoadRunbookWorker {

  private final RunbookRegistry registry;
  private final SpecReader reader;
  private final GreenlightMetrics metrics;
  private final StartVerification verification;
  private final ActionLog actions;

  public LoadRunbookWorker(RunbookRegistry registry, SpecReader reader, GreenlightMetrics metrics,
      StartVerification verification, ActionLog actions) {
    this.registry = registry;
    this.reader = reader;
    this.metrics = metrics;
    this.verification = verification;
    this.actions = actions;
  }

  @JobWorker(type = "load-runbook", fetchVariables = {RolloutVariables.RUNBOOK_NAME, RolloutVariables.RUNBOOK,
      RolloutVariables.ROLLOUT_ID, RolloutVariables.STARTED_BY, RolloutVariables.STARTED_VIA,
      RolloutVariables.START_SEAL, IncidentVariables.INCIDENT_ID})
  public Map<String, Object> loadRunbook(
      ActivatedJob job,
      @Variable(name = RolloutVariables.RUNBOOK_NAME) String runbookName,
      @Variable(name = RolloutVariables.RUNBOOK) Object runbook,
      @Variable(name = RolloutVariables.ROLLOUT_ID) String rolloutId,
      @Variable(name = RolloutVariables.STARTED_BY) String startedBy,
      @Variable(name = RolloutVariables.STARTED_VIA) String startedVia,
      @Variable(name = RolloutVariables.START_SEAL) String startSeal,
      @Variable(name = IncidentVariables.INCIDENT_ID, optional = true) String incidentId) {
    RunbookSpec spec;
    VerifiedStart start;
    boolean rollout;
    try {
      spec = runbook != null ? reader.recheck(runbook, "the inline runbook") : registry.get(requireName(runbookName));
      rollout = spec.strategy().processId().equals(job.getBpmnProcessId());
      start = verification.verify(
          new ClaimedStart(rollout ? rolloutId : incidentId, runbookName, runbook != null, startedBy, startedVia,
              startSeal), spec, rollout);
    } catch (InvalidRunbookException | UnknownRunbookException | RolloutForbiddenException
        | RunbookOutOfBoundsException e) {
      throw CamundaError.bpmnError(ErrorCodes.INVALID_RUNBOOK, e.getMessage());
    }
    if (rollout) {
      metrics.rolloutStarted(spec.strategy(), spec.service());
      if (start.startedBy() == null) {
        actions.record(rolloutId, "started", null, start.via(), start.runbookSha256(),
            "runbook '" + runbookName + "' on the cluster outside Greenlight");
      }
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(RolloutVariables.RUNBOOK, spec);
    variables.put(RolloutVariables.SERVICE, spec.service());
    variables.put(RolloutVariables.STRATEGY, spec.strategy().specName());
    // the four-eyes rule is about rollouts: an incident's opener (in openedBy) may answer its tasks
    variables.put(RolloutVariables.STARTED_BY, rollout ? start.startedBy() : null);
    variables.put(RolloutVariables.STARTED_VIA, start.via().specName());
    variables.put(RolloutVariables.RUNBOOK_SHA256, start.runbookSha256());
    if (rollout) {
      // the rollout's record of its stages lives at its top: each stage's end listener adds to it, from any depth
      variables.put(RolloutVariables.STAGE_HISTORY, List.of());
    }
    return variables;
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
