package dev.greenlight.rollout;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.greenlight.spec.SpecNames;

/** Where a rollout stands, as the API and CLI show it. */
public enum RolloutState {
  ACTIVE,
  COMPLETED,
  ROLLED_BACK,
  ABORTED,
  /** A sign-off or go/no-go decision said no. */
  NOT_APPROVED,
  /** An incident waits for a person, or the process ended at a failure end event. */
  FAILED;

  @JsonValue
  public String specName() {
    return SpecNames.of(this);
  }

  /**
   * The state a process ended in, told by the id of its end event: the processes name them {@code ...rolled-back...},
   * {@code ...aborted}, {@code ...not-approved} / {@code not-signed-off}, or {@code ...failed} / {@code not-started}
   * (invalid runbook); any other end event is a completed rollout.
   */
  public static RolloutState endedAt(String endEventId) {
    if (endEventId == null) {
      return COMPLETED;
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
    return endEventId.endsWith("failed") || endEventId.equals("not-started") ? FAILED : COMPLETED;
  }

  public boolean isOver() {
    return this != ACTIVE && this != FAILED;
  }
}
