package dev.greenlight.reports;

import java.util.Map;

/**
 * What a {@link ReportBuilder} produced, before it is filed.
 *
 * @param status whether a person should look at it
 * @param summary one readable line for Slack
 * @param content the kind's own report (seed 000's compare JSON, the before/after table, …)
 * @param baseline baseline reports: query name → value (null when not measured), for the later performance report;
 *     null for the other kinds
 */
public record ReportDraft(ReportStatus status, String summary, Object content, Map<String, Double> baseline) {

  public ReportDraft(ReportStatus status, String summary, Object content) {
    this(status, summary, content, null);
  }
}
