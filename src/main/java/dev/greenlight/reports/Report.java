package dev.greenlight.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A filed report: who and what it is about, and the kind's own content. One JSON file in the {@link ReportStore}.
 *
 * @param id unique within the rollout, also the file's name: {@code 20261123T160000000Z-compare-daily}
 * @param kind what the report is about
 * @param rolloutId the rollout it belongs to (an incident outside a rollout: its incident id)
 * @param service the service
 * @param version the version being rolled out
 * @param createdAt when it was first written
 * @param status whether a person should look at it
 * @param summary one readable line, as posted to Slack
 * @param elementInstanceKey the job's element instance: a retried job replaces its report instead of adding one
 * @param content the kind's report, e.g. seed 000's compare-mode JSON for {@code compare-daily}
 */
public record Report(
    String id,
    ReportKind kind,
    String rolloutId,
    String service,
    String version,
    Instant createdAt,
    ReportStatus status,
    String summary,
    long elementInstanceKey,
    JsonNode content) {

  /** This report filed as {@code id}, first written at {@code createdAt}. */
  Report filedAs(String id, Instant createdAt) {
    return new Report(id, kind, rolloutId, service, version, createdAt, status, summary, elementInstanceKey, content);
  }

  /** The small summary the processes keep in the {@code report} variable. */
  public ReportHeadline headline() {
    return new ReportHeadline(id, kind, createdAt, status, summary);
  }
}
