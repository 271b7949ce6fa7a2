package dev.greenlight.reports;

import dev.greenlight.integrations.compare.CompareStatistics;
import dev.greenlight.integrations.compare.CompareStats;
import dev.greenlight.spec.RunbookSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * {@code compare-daily}: reads the service's compare statistics ({@code reports.compareStatsUrl}) and turns them into
 * seed 000's daily report. Statistics that cannot be read fail the job, so the report is retried rather than written
 * from nothing.
 */
@Component
public class CompareDailyReports implements ReportBuilder {

  private final CompareStatistics statistics;

  public CompareDailyReports(CompareStatistics statistics) {
    this.statistics = statistics;
  }

  @Override
  public ReportKind kind() {
    return ReportKind.COMPARE_DAILY;
  }

  @Override
  public ReportDraft build(ReportRequest request, Instant now) {
    RunbookSpec runbook = request.requireRunbook();
    if (runbook.reports() == null || runbook.reports().compareStatsUrl() == null) {
      throw new IllegalArgumentException("A compare-daily report reads reports.compareStatsUrl, which the runbook of "
          + runbook.service() + " does not set");
    }
    CompareStats stats = statistics.read(runbook.reports().compareStatsUrl());
    CompareModeReport report = CompareModeReport.of(LocalDate.ofInstant(now, ZoneOffset.UTC).toString(),
        stats.totalQueries(), stats.discrepancies(), stats.errors(), stats.samples());
    String verdict = report.hasIssues() ? "ATTENTION, " + report.findings() + " found" : "OK";
    String summary = "compare mode " + report.date() + ": " + report.totalQueries() + " queries, "
        + report.discrepancies() + " discrepancies, " + report.errors() + " errors — " + verdict;
    return new ReportDraft(report.hasIssues() ? ReportStatus.ATTENTION : ReportStatus.OK, summary, report);
  }
}
