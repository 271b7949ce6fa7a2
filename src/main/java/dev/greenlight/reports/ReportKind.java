package dev.greenlight.reports;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.greenlight.spec.SpecNames;

/**
 * What a report is about; the {@code reportKind} input of {@code write-report} spells it in kebab-case. The last two
 * are filed by Greenlight itself, not by a process step: a step that failed for good, and how the rollout ended.
 */
public enum ReportKind {
  /** Seed 000: the compare mode's day, from the service's compare statistics. */
  COMPARE_DAILY,
  /** Seed 004: every metric query measured before the change, for the later performance report. */
  BASELINE,
  /** Seed 004: every metric query now, against the baseline: before, after, change in percent. */
  PERFORMANCE,
  /** Seed 001: the metrics at T+1 h, T+24 h or T+7 d against the last stage's thresholds, with a verdict. */
  POST_DEPLOYMENT_CHECK,
  /** Seeds 001, 002 and 004: severity, summary, remediation and the decisions of an incident. */
  INCIDENT,
  /** A step that failed its last attempt: where it is, what went wrong and what to do, since when. */
  STEP_FAILURE,
  /** How the rollout ended and why: the state the API, the CLI, the metrics and Slack show. */
  OUTCOME;

  /** Whether the {@code write-report} job writes reports of this kind (the rest Greenlight files itself). */
  public boolean writtenByProcesses() {
    return this != STEP_FAILURE && this != OUTCOME;
  }

  @JsonValue
  public String specName() {
    return SpecNames.of(this);
  }

  /** The kind {@code write-report} was asked for, spelled {@code name}, or a failure listing the kinds it writes. */
  public static ReportKind parse(String name) {
    return SpecNames.parse(ReportKind.class, name).filter(ReportKind::writtenByProcesses)
        .orElseThrow(() -> new IllegalArgumentException("reportKind '" + name + "' is unknown; the process must set it"
            + " to one of " + String.join(", ", java.util.Arrays.stream(values()).filter(ReportKind::writtenByProcesses)
                .map(ReportKind::specName).toList())));
  }
}
