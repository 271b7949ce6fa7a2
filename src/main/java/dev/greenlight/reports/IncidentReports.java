package dev.greenlight.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code incident}: the incident report of seeds 001, 002 and 004, written when the incident is resolved: severity,
 * what happened, the remediation, the decisions in order and how long it took.
 */
@Component
public class IncidentReports implements ReportBuilder {

  /**
   * @param incidentId the incident
   * @param severity P1..P4
   * @param summary what happened
   * @param remediation rollback, restart, scale or none; null when none was recorded
   * @param cause the gate's breach that opened it, if a gate did
   * @param times when it was opened (if known) and reported, and how long that took
   * @param timeline the decisions in the order they were taken
   */
  public record IncidentReport(String incidentId, String severity, String summary, String remediation, String cause,
      Times times, List<TimelineEntry> timeline) {}

  /**
   * @param openedAt when the incident was opened; null when the process did not say
   * @param reportedAt when this report was written
   * @param openFor from opening to this report, ISO-8601; null when the opening time is unknown
   */
  public record Times(Instant openedAt, Instant reportedAt, Duration openFor) {}

  /** One decision: when, by whom, on which task, as which role, what and why. */
  public record TimelineEntry(String at, String by, String task, String role, String outcome, String comment) {}

  @Override
  public ReportKind kind() {
    return ReportKind.INCIDENT;
  }

  @Override
  public ReportDraft build(ReportRequest request, Instant now) {
    String incidentId = ReportRequest.require(request.incidentId(), "incidentId", kind());
    String severity = ReportRequest.require(request.severity(), "severity", kind());
    String summary = ReportRequest.require(request.summary(), "summary", kind());
    Instant openedAt = request.openedAt() == null ? null : instant(request.openedAt());
    List<TimelineEntry> timeline = request.decisions() == null ? List.of()
        : request.decisions().stream().map(IncidentReports::entry).toList();
    IncidentReport report = new IncidentReport(incidentId, severity, summary, request.remediation(),
        request.gate() == null ? null : request.gate().breachReason(),
        new Times(openedAt, now, openedAt == null ? null : Duration.between(openedAt, now)), timeline);
    String line = severity + " incident " + incidentId + " of " + request.serviceName() + ": " + summary
        + " — remediation " + (request.remediation() == null ? "none recorded" : request.remediation()) + ", "
        + timeline.size() + (timeline.size() == 1 ? " decision" : " decisions")
        + (report.times().openFor() == null ? "" : ", open " + minutes(report.times().openFor()));
    return new ReportDraft(ReportStatus.ATTENTION, line, report);
  }

  private static TimelineEntry entry(Map<String, Object> decision) {
    return new TimelineEntry(text(decision, "decidedAt"), text(decision, "decidedBy"), text(decision, "task"),
        text(decision, "role"), text(decision, "outcome"), text(decision, "comment"));
  }

  private static String text(Map<String, Object> decision, String key) {
    Object value = decision.get(key);
    return value == null ? null : value.toString();
  }

  /** ISO-8601 with an offset or zone; FEEL's {@code string(now())} writes the zone after an {@code @}. */
  private static Instant instant(String text) {
    try {
      return DateTimeFormatter.ISO_DATE_TIME.parse(text.replaceFirst("@(.+)$", "[$1]"), Instant::from);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("openedAt '" + text + "' is not an ISO-8601 date and time with an offset,"
          + " such as 2026-11-23T10:15:30Z");
    }
  }

  private static String minutes(Duration duration) {
    return duration.toMinutes() + " min";
  }
}
