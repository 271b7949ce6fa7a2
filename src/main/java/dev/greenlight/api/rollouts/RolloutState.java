package dev.greenlight.api.rollouts;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.greenlight.spec.SpecNames;

/** Where a rollout stands, as the API and CLI show it. */
public enum RolloutState {
  ACTIVE,
  COMPLETED,
  ROLLED_BACK,
  ABORTED,
  /** An incident waits for a person, or the process ended at a failure end event. */
  FAILED;

  @JsonValue
  public String specName() {
    return SpecNames.of(this);
  }

  /**
   * The state a process ended in, told by the id of its end event: the processes name them {@code ...-rolled-back},
   * {@code ...-aborted} or {@code ...-failed}; any other end event is a completed rollout.
   */
  static RolloutState endedAt(String endEventId) {
    if (endEventId == null) {
      return COMPLETED;
    }
    if (endEventId.endsWith("rolled-back")) {
      return ROLLED_BACK;
    }
    if (endEventId.endsWith("aborted")) {
      return ABORTED;
    }
    return endEventId.endsWith("failed") ? FAILED : COMPLETED;
  }

  boolean isOver() {
    return this == COMPLETED || this == ROLLED_BACK || this == ABORTED;
  }
}
