package dev.greenlight.rehearsal;

import dev.greenlight.inbox.DecisionOutcome;

/**
 * How to rehearse a runbook.
 *
 * @param version the version the rollout deploys
 * @param breachStage the stage whose readings break its thresholds, or null for a healthy release
 * @param answer how every question (go/no-go, sign-off, investigation) is answered
 */
public record RehearsalOptions(String version, String breachStage, DecisionOutcome answer) {

  /** A healthy release of version {@code rehearsal}, every question answered go. */
  public static RehearsalOptions healthy() {
    return new RehearsalOptions("rehearsal", null, DecisionOutcome.GO);
  }
}
