package dev.greenlight.reports;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.greenlight.spec.SpecNames;

/** Whether a report needs a person's attention; the processes and Slack show it. */
public enum ReportStatus {
  /** Nothing to act on. */
  OK,
  /** Something a person should look at: discrepancies, errors, a failed check, unmeasured metrics, an incident. */
  ATTENTION;

  @JsonValue
  public String specName() {
    return SpecNames.of(this);
  }
}
