package dev.greenlight.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a runbook rolls a release out; each strategy is one BPMN process in {@code processes/}. */
public enum Strategy {
  /** Seed 000: dark launch with the system disabled, compare mode, then switch (process {@code feature-flag-rollout}). */
  FEATURE_FLAG("feature-flag", "feature-flag-rollout"),
  /** Seed 003: traffic weights 1 % → 10 % → 100 % with a gate per stage (process {@code canary-rollout}). */
  CANARY("canary", "canary-rollout"),
  /** Seed 002: six sign-offs, deploy to green, switch traffic, keep blue for rollback (process {@code blue-green-release}). */
  BLUE_GREEN("blue-green", "blue-green-release"),
  /** Seed 004: feature-flag percentages in stages with holds and partial/full rollback (process {@code staged-flag-rollout}). */
  STAGED_FLAGS("staged-flags", "staged-flag-rollout");

  private final String specName;
  private final String processId;

  Strategy(String specName, String processId) {
    this.specName = specName;
    this.processId = processId;
  }

  /** The name written in a runbook spec. */
  @JsonValue
  public String specName() {
    return specName;
  }

  /** The BPMN process id that executes this strategy. */
  public String processId() {
    return processId;
  }
}
