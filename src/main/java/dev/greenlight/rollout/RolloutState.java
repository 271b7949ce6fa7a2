package dev.greenlight.rollout;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.greenlight.spec.SpecNames;

/**
 * Where a rollout stands, as the API, the CLI, the metrics, Slack and the reports name it. Each state but
 * {@link #ACTIVE} and {@link #SUCCEEDED} comes with a reason ({@link RolloutOutcome}).
 */
public enum RolloutState {
  /** Running: a step, a wait or a decision is in progress. */
  ACTIVE,
  /**
   * A step cannot run: an incident waits for {@code greenlight retry} or {@code greenlight abort}; or the process ended
   * at a failure end event (the runbook was invalid, or a change was not applied and undone).
   */
  FAILED,
  /** A rollback step keeps failing: it is retried with backoff and the on-call is paged. */
  ROLLBACK_FAILED,
  /** Rolled out to the end. */
  SUCCEEDED,
  /** A breach, a failed check or a no-go rolled the release back. */
  ROLLED_BACK,
  /**
   * A partial rollback trigger turned its failing feature off and left the rollout's other features on as they were;
   * the reason names both.
   */
  PARTIALLY_ROLLED_BACK,
  /** A person aborted the rollout and its process rolled back what it had changed. */
  ABORTED,
  /** A sign-off or go/no-go decision said no before anything had to be rolled back. */
  NOT_APPROVED;

  @JsonValue
  public String specName() {
    return SpecNames.of(this);
  }

  /**
   * The state a process ended in, told by the id of its end event: the processes name them
   * {@code partially-rolled-back}, {@code ...rolled-back...},
   * {@code ...aborted}, {@code ...not-approved} / {@code not-signed-off}, or {@code ...failed} / {@code not-started}
   * (invalid runbook); any other end event is a rollout that succeeded.
   */
  public static RolloutState endedAt(String endEventId) {
    if (endEventId == null) {
      return SUCCEEDED;
    }
    if (endEventId.equals("partially-rolled-back")) {
      return PARTIALLY_ROLLED_BACK;
    }
    if (endEventId.contains("rolled-back")) {
      return ROLLED_BACK;
    }
    if (endEventId.endsWith("aborted")) {
      return ABORTED;
    }
    if (endEventId.endsWith("not-approved") || endEventId.endsWith("not-signed-off")) {
      return NOT_APPROVED;
    }
    return endEventId.endsWith("failed") || endEventId.equals("not-started") ? FAILED : SUCCEEDED;
  }
}
