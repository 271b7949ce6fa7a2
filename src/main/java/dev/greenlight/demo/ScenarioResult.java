package dev.greenlight.demo;

import dev.greenlight.rollout.RolloutState;
import java.time.Duration;
import java.util.List;

/**
 * How one of the demo's rollouts went.
 *
 * @param title what the scenario shows
 * @param rolloutId Greenlight's id of the rollout
 * @param expected the end state the scenario must reach
 * @param actual the state it reached; null when it did not end in time
 * @param took from start to end
 * @param checks what else had to hold, each with whether it did
 */
record ScenarioResult(String title, String rolloutId, RolloutState expected, RolloutState actual, Duration took,
    List<Check> checks) {

  /** One expectation and whether it held, with the evidence. */
  record Check(String expectation, boolean held, String evidence) {}

  boolean asExpected() {
    return actual == expected && checks.stream().allMatch(Check::held);
  }
}
