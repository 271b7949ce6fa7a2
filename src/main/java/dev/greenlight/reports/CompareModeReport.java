package dev.greenlight.reports;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greenlight.integrations.compare.CompareSample;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 000's daily compare-mode report, field for field:
 * {@code {"phase": "compare_mode", "date", "total_queries", "discrepancies", "errors", "status", "samples"}}.
 *
 * @param phase always {@code compare_mode}
 * @param date the day of the report, YYYY-MM-DD (UTC)
 * @param totalQueries queries both systems answered
 * @param discrepancies queries they answered differently
 * @param errors queries the new system failed
 * @param status {@code OK - no issues detected}, or what was found
 * @param samples example queries with both answers
 */
public record CompareModeReport(
    String phase,
    String date,
    @JsonProperty("total_queries") long totalQueries,
    long discrepancies,
    long errors,
    String status,
    List<CompareSample> samples) {

  private static final String PHASE = "compare_mode";
  private static final String NO_ISSUES = "OK - no issues detected";

  /** The report of a day's counts, its status saying what was found. */
  static CompareModeReport of(String date, long totalQueries, long discrepancies, long errors,
      List<CompareSample> samples) {
    String findings = findings(discrepancies, errors);
    return new CompareModeReport(PHASE, date, totalQueries, discrepancies, errors,
        findings.isEmpty() ? NO_ISSUES : "ATTENTION - " + findings + " found", samples);
  }

  boolean hasIssues() {
    return discrepancies > 0 || errors > 0;
  }

  /** What was found, e.g. "3 discrepancies and 1 error"; empty when nothing was. */
  String findings() {
    return findings(discrepancies, errors);
  }

  private static String findings(long discrepancies, long errors) {
    List<String> found = new ArrayList<>();
    if (discrepancies > 0) {
      found.add(discrepancies + (discrepancies == 1 ? " discrepancy" : " discrepancies"));
    }
    if (errors > 0) {
      found.add(errors + (errors == 1 ? " error" : " errors"));
    }
    return String.join(" and ", found);
  }
}
