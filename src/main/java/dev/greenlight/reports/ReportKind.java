package dev.greenlight.reports;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.greenlight.spec.SpecNames;

/**
 * What a report is about, spelled in kebab-case (the {@code reportKind} input of {@code write-report}), and the job
 * type of the process step that files it. The last two are filed by Greenlight itself, not by a process step: a step
 * that failed for good, and how the rollout ended.
 */
public enum ReportKind {
  /** Seed 000: the compare mode's day, from the service's compare statistics. */
  COMPARE_DAILY(ReportKind.WRITE_REPORT),
  /** Seed 004: every metric query measured before the change, for the later performance report. */
  BASELINE("measure-baseline"),
  /** Seed 004: every metric query now, against the baseline: before, after, change in percent. */
  PERFORMANCE(ReportKind.WRITE_REPORT),
  /** Seed 001: the metrics at T+1 h, T+24 h or T+7 d against the last stage's thresholds, with a verdict. */
  POST_DEPLOYMENT_CHECK("check-post-deployment"),
  /** Seeds 001, 002 and 004: severity, summary, remediation and the decisions of an incident. */
  INCIDENT(ReportKind.WRITE_REPORT),
  /** A step that failed its last attempt: where it is, what went wrong and what to do, since when. */
  STEP_FAILURE(null),
  /** How the rollout ended and why: the state the API, the CLI, the metrics and Slack show. */
  OUTCOME(null);

  /** The job type that writes the reports a process asks for by {@code reportKind}. */
  public static final String WRITE_REPORT = "write-report";

  private final String jobType;

  ReportKind(String jobType) {
    this.jobType = jobType;
  }

  /** The job type of the process step that files reports of this kind; null for those Greenlight files itself. */
  public String jobType() {
    return jobType;
  }

  /** Whether a process step files reports of this kind (the rest Greenlight files itself). */
  public boolean writtenByProcesses() {
    return jobType != null;
  }

  @JsonValue
  public String specName() {
    return SpecNames.of(this);
  }

  /**
   * The kind {@code write-report} was asked for, spelled {@code name}, or a failure listing the kinds it writes (and
   * naming the job type of a kind another step files).
   */
  public static ReportKind parse(String name) {
    ReportKind kind = SpecNames.parse(ReportKind.class, name).filter(ReportKind::writtenByProcesses)
        .orElseThrow(() -> new IllegalArgumentException("reportKind '" + name + "' is unknown; the process must set it"
            + " to one of " + String.join(", ", java.util.Arrays.stream(values())
                .filter(other -> WRITE_REPORT.equals(other.jobType)).map(ReportKind::specName).toList())));
    if (!WRITE_REPORT.equals(kind.jobType)) {
      throw new IllegalArgumentException("reportKind '" + name + "' is not written by " + WRITE_REPORT + ": a "
          + kind.jobType + " task files it");
    }
    return kind;
  }
}
