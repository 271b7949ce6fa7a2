package dev.greenlight.failures;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.reports.RolloutReports;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RollbackSteps;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.rollout.StepNames;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.api.command.FinalCommandStep;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.exception.BpmnError;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place where a failed job of any worker is handled (the Camunda Spring starter hands every exception a job
 * handler throws to its {@link JobExceptionHandlingStrategy}, and {@link JobHandlingConfiguration} sends variables
 * that cannot be read here too):
 *
 * <ul>
 *   <li>a technical failure is tried again after an exponential pause with jitter ({@link RetryBackoff}); its last
 *       attempt becomes an incident, the runbook's channels are told and a step-failure report is filed;
 *   <li>a failing rollback step is tried again without end, at most {@code rollback-max} apart, and pages the on-call
 *       at once; the page is resolved when the step works;
 *   <li>a notification of the rollback that cannot go out never holds the rollback up;
 *   <li>a change the process can undo (a traffic or flag change after the deploy) that fails its last attempt is a
 *       change not applied: the process undoes the release instead of waiting half-applied on an incident;
 *   <li>a BPMN error goes to the process with its message as {@code failureReason}, so the rollback and the end state
 *       can say what failed; inside a rollback, a change that did not apply is a failure to try again instead.
 * </ul>
 *
 * Every message is one or two sentences a person can act on; the stack trace goes to the log under the message's
 * error id.
 */
@Component
public class JobFailures implements JobExceptionHandlingStrategy {

  private static final Logger log = LoggerFactory.getLogger(JobFailures.class);
  /** Business errors that, inside a rollback, mean "not done yet": trying again may well work. */
  private static final Set<String> RETRIED_IN_ROLLBACK = Set.of(ErrorCodes.CHANGE_NOT_APPLIED, ErrorCodes.DEPLOY_FAILED);

  private final JobRetryProperties properties;
  private final RetryBackoff backoff;
  private final JobAttempts attempts = new JobAttempts();
  private final StepNames stepNames;
  private final FailureNotifier notifier;
  private final RolloutReports reports;
  private final ObjectMapper json;
  private final RandomGenerator errorIds = new SecureRandom();

  public JobFailures(JobRetryProperties properties, StepNames stepNames, FailureNotifier notifier,
      RolloutReports reports, ObjectMapper json) {
    this.properties = properties;
    this.backoff = new RetryBackoff(properties, new SecureRandom());
    this.stepNames = stepNames;
    this.notifier = notifier;
    this.reports = reports;
    this.json = json;
  }

  @Override
  public void handleException(Exception exception, ExceptionHandlingContext context) {
    ActivatedJob job = context.job();
    boolean retriedHere = RollbackSteps.isRollbackStep(job.getBpmnProcessId(), job.getType())
        && exception instanceof BpmnError error && RETRIED_IN_ROLLBACK.contains(error.getErrorCode());
    if (exception instanceof BpmnError error && !retriedHere) {
      throwError(context.jobClient(), job, error);
    } else {
      fail(context.jobClient(), job, exception);
    }
  }

  /** Fails the job as its failure calls for: tried again later, an incident, or (a rollback's notice) let go. */
  public void fail(JobClient client, ActivatedJob job, Throwable failure) {
    FailedStep step = step(job);
    String cause = FailureMessages.cause(failure);
    String errorId = HexFormat.of().toHexDigits(errorIds.nextInt());
    int failures = attempts.failed(job.getKey());
    log.warn("{} of {} failed (job {} of type {}, attempt {}) [error {}]: {}", step.path(), step.rolloutName(),
        job.getKey(), job.getType(), failures, errorId, cause, failure);
    if (RollbackSteps.isRollbackNotification(job.getBpmnProcessId(), job.getType())) {
      String message = step.path() + " failed: " + cause + " (error " + errorId + " in the server log)";
      send(client.newCompleteCommand(job.getKey()).variables(Map.of("notificationError", message)), job);
      notifier.rollbackNotificationFailed(step, message);
      return;
    }
    if (step.duringRollback()) {
      Duration pause = backoff.afterRollbackFailure(failures);
      String message = FailureMessages.rollbackStep(step, cause, failures, pause, errorId);
      send(client.newFailCommand(job.getKey()).retries(1).errorMessage(message).retryBackoff(pause), job);
      if (failures == 1) {
        notifier.rollbackStepFailing(step, message);
      }
    } else if (failures < properties.attempts()) {
      Duration pause = backoff.after(failures);
      String message = FailureMessages.retrying(step, cause, failures, properties.attempts(), pause);
      send(client.newFailCommand(job.getKey()).retries(properties.attempts() - failures).errorMessage(message)
          .retryBackoff(pause), job);
    } else if (stepNames.catches(job.getBpmnProcessId(), job.getElementId(), ErrorCodes.CHANGE_NOT_APPLIED)) {
      String message = step.path() + " failed " + failures + " times: " + cause + " (error " + errorId
          + " in the server log)";
      attempts.gaveUp(job.getKey());
      throwError(client, job, new BpmnError(ErrorCodes.CHANGE_NOT_APPLIED, message));
    } else {
      String message = FailureMessages.incident(step, cause, failures, errorId);
      send(client.newFailCommand(job.getKey()).retries(0).errorMessage(message), job);
      attempts.gaveUp(job.getKey());
      notifier.stepGaveUp(step, message);
      reports.stepFailed(step.rolloutId(), step.service(), step.version(), step.path(), message,
          job.getElementInstanceKey());
    }
  }

  /** The job completed: a step that had failed works again, and the people told are told that too. */
  public void succeeded(ActivatedJob job) {
    attempts.succeeded(job.getKey()).ifPresent(failures -> {
      FailedStep step = step(job);
      log.info("{} of {} works again after {} failed attempt(s)", step.path(), step.rolloutName(), failures.count());
      if (step.duringRollback()) {
        notifier.rollbackStepRecovered(step);
      } else if (failures.gaveUp()) {
        notifier.stepRecovered(step);
      }
    });
  }

  private void throwError(JobClient client, ActivatedJob job, BpmnError error) {
    Map<String, Object> variables = new LinkedHashMap<>();
    if (error.getVariables() instanceof Map<?, ?> map) {
      map.forEach((name, value) -> variables.put(String.valueOf(name), value));
    } else if (error.getVariables() != null) {
      json.convertValue(error.getVariables(), Map.class).forEach((name, value) -> variables.put(String.valueOf(name), value));
    }
    variables.putIfAbsent(RolloutVariables.FAILURE_REASON, FailureMessages.cause(error));
    log.info("{} of job {} ({}): {}", error.getErrorCode(), job.getKey(), job.getType(), error.getErrorMessage());
    send(client.newThrowErrorCommand(job.getKey()).errorCode(error.getErrorCode())
        .errorMessage(error.getErrorMessage()).variables(variables), job);
  }

  /** Waits for the engine to take the command: a job's outcome must be recorded before anything else about it. */
  private static void send(FinalCommandStep<?> command, ActivatedJob job) {
    try {
      command.send().join();
    } catch (RuntimeException e) {
      log.warn("The engine did not take the outcome of job {} ({}): {}", job.getKey(), job.getType(), e.getMessage());
    }
  }

  private FailedStep step(ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    RunbookSpec runbook = runbook(variables.get(RolloutVariables.RUNBOOK));
    Object service = runbook != null ? runbook.service() : variables.get(RolloutVariables.SERVICE);
    return new FailedStep(text(variables.get(RolloutVariables.ROLLOUT_ID)), text(service),
        text(variables.get(RolloutVariables.VERSION)), runbook,
        stepNames.path(job.getBpmnProcessId(), job.getElementId()), job.getType(), job.getKey(),
        job.getElementInstanceKey(), RollbackSteps.isRollbackStep(job.getBpmnProcessId(), job.getType()));
  }

  /** The runbook the job carries; none when it was not loaded yet or does not read as one. */
  private RunbookSpec runbook(Object variable) {
    if (variable == null) {
      return null;
    }
    try {
      return json.convertValue(variable, RunbookSpec.class);
    } catch (IllegalArgumentException unreadable) {
      log.debug("The job's runbook variable does not read as a runbook: {}", unreadable.getMessage());
      return null;
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
