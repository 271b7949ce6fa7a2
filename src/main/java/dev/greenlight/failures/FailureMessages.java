package dev.greenlight.failures;

import io.camunda.client.exception.BpmnError;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The messages people read when a step fails: one or two sentences that say where, what went wrong (the integration's
 * own message, which names the runbook field or the outside system) and what to do. Stack traces never go into them;
 * they go to the log under the error id the message ends with.
 */
final class FailureMessages {

  /** A message people read stays short enough for a Slack header, a page summary and a terminal line. */
  static final int CAUSE_LIMIT = 600;
  /**
   * Steps every runbook takes before it changes anything (loading the runbook, the backup): their failure leaves the
   * service as it was, which is the first thing a person wants to know.
   */
  private static final Set<String> BEFORE_ANY_CHANGE = Set.of("load-runbook", "backup-database");
  /** The start of a stack trace line, should an integration's message carry one. */
  private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s*at [\\w.$/-]+\\(.*$|^\\s*Caused by: .*$");

  private FailureMessages() {}

  /** What went wrong, from the exception's message; an exception without one is a fault of Greenlight itself. */
  static String cause(Throwable failure) {
    String message = failure instanceof BpmnError error ? error.getErrorMessage() : failure.getMessage();
    if (message == null || message.isBlank()) {
      return "Greenlight failed unexpectedly (" + failure.getClass().getSimpleName() + ")";
    }
    String withoutFrames = STACK_FRAME.split(message, 2)[0];
    String oneLine = withoutFrames.replaceAll("\\s+", " ").strip();
    if (oneLine.endsWith(".")) {
      oneLine = oneLine.substring(0, oneLine.length() - 1);
    }
    return oneLine.length() <= CAUSE_LIMIT ? oneLine : oneLine.substring(0, CAUSE_LIMIT) + "…";
  }

  /** A failure that will be tried again. */
  static String retrying(FailedStep step, String cause, int failures, int attempts, Duration pause) {
    return step.path() + " failed (attempt " + failures + " of " + attempts + "): " + cause + ". Trying again in "
        + readable(pause) + ".";
  }

  /** The last attempt failed: an incident waits for a person. */
  static String incident(FailedStep step, String cause, int failures, String errorId) {
    String prefix = BEFORE_ANY_CHANGE.contains(step.jobType()) ? "Stopped before any change: " : "";
    String attempts = failures == 1 ? "" : " " + failures + " times";
    return prefix + step.path() + " failed" + attempts + ": " + cause + " — fix the cause, then run `greenlight retry "
        + step.rolloutName() + "` (or `greenlight abort " + step.rolloutName() + "` to roll back). Error " + errorId
        + " in the server log.";
  }

  /** A rollback step failed: it is tried again until it works, and the on-call is paged. */
  static String rollbackStep(FailedStep step, String cause, int failures, Duration pause, String errorId) {
    return step.path() + " failed" + (failures == 1 ? "" : " " + failures + " times") + ": " + cause
        + ". Greenlight tries again until it works (next in " + readable(pause) + ") and has paged the on-call; error "
        + errorId + " in the server log.";
  }

  static String readable(Duration pause) {
    if (pause.toMillis() < 10_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", pause.toMillis() / 1000.0);
    }
    long seconds = Math.round(pause.toMillis() / 1000.0);
    return seconds < 120 ? seconds + " s" : (seconds / 60) + " min";
  }
}
