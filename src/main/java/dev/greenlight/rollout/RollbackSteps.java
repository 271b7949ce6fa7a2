package dev.greenlight.rollout;

import java.util.Set;

/**
 * Which steps belong to a rollback: every job of the {@code rollback} process and of the {@code database-rollback}
 * process it calls, and the revert of the version, which runs in the {@code release-version} process the rollback
 * calls (only a rollback reverts). A rollback step that fails is an emergency: it is retried without end and pages the
 * on-call. Its notifications are not: a Slack post or a page that cannot go out never holds up the rollback.
 */
public final class RollbackSteps {

  /** The BPMN process id of the shared rollback. */
  public static final String ROLLBACK_PROCESS = "rollback";
  private static final Set<String> ROLLBACK_PROCESSES = Set.of(ROLLBACK_PROCESS, "database-rollback");
  private static final String REVERT_JOB = "revert-version";
  private static final Set<String> NOTIFICATIONS = Set.of("notify-slack", "page-oncall");

  private RollbackSteps() {}

  /** Whether a job of this type in this process undoes part of the rollout. */
  public static boolean isRollbackStep(String processId, String jobType) {
    return !NOTIFICATIONS.contains(jobType) && (ROLLBACK_PROCESSES.contains(processId) || REVERT_JOB.equals(jobType));
  }

  /** Whether a job of this type in this process tells people about the rollback. */
  public static boolean isRollbackNotification(String processId, String jobType) {
    return ROLLBACK_PROCESSES.contains(processId) && NOTIFICATIONS.contains(jobType);
  }
}
