package dev.greenlight.reports;

import dev.greenlight.gates.GateState;
import dev.greenlight.spec.RunbookSpec;
import java.util.List;
import java.util.Map;

/**
 * The variables {@code write-report} reads; the names are the process variables'. Each kind uses what it needs.
 *
 * @param reportKind which report, e.g. {@code compare-daily} (see {@link ReportKind})
 * @param runbook the rollout's spec: compare statistics URL, metric queries, stages
 * @param rolloutId the rollout the report belongs to; an incident outside a rollout is filed under its incident id
 * @param service the service (the runbook's when absent)
 * @param version the version being rolled out
 * @param gate incident: the gate whose breach opened it, if any
 * @param severity incident: P1..P4
 * @param summary incident: what happened, one line
 * @param incidentId incident: its id
 * @param remediation incident: rollback, restart, scale or none
 * @param decisions incident: the decisions taken, in order, as the inbox wrote them ({@code decidedAt},
 *     {@code decidedBy}, {@code task}, {@code role}, {@code outcome}, {@code comment})
 * @param baseline performance: the {@code baseline} a baseline report wrote (query name → value)
 * @param checkpoint post-deployment check: which one, e.g. T+24h (optional)
 * @param openedAt incident: when it was opened, ISO-8601 (optional)
 */
public record ReportRequest(
    String reportKind,
    RunbookSpec runbook,
    String rolloutId,
    String service,
    String version,
    GateState gate,
    String severity,
    String summary,
    String incidentId,
    String remediation,
    List<Map<String, Object>> decisions,
    Map<String, Double> baseline,
    String checkpoint,
    String openedAt) {

  /** The same request for a report of {@code kind}. */
  ReportRequest ofKind(ReportKind kind) {
    return new ReportRequest(kind.specName(), runbook, rolloutId, service, version, gate, severity, summary, incidentId,
        remediation, decisions, baseline, checkpoint, openedAt);
  }

  /** The service measured and named in the report. */
  public String serviceName() {
    return service != null ? service : runbook == null ? null : runbook.service();
  }

  /** The runbook, or a failure saying that the process must provide it. */
  RunbookSpec requireRunbook() {
    if (runbook == null) {
      throw new IllegalArgumentException("A " + reportKind + " report needs the variable 'runbook' (set by load-runbook)");
    }
    return runbook;
  }

  /** A variable the kind cannot do without, or a failure naming it. */
  static <T> T require(T value, String variable, ReportKind kind) {
    if (value == null || value instanceof String text && text.isBlank()) {
      throw new IllegalArgumentException("A " + kind.specName() + " report needs the variable '" + variable + "'");
    }
    return value;
  }
}
