package dev.greenlight.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.reports.CompareModeReport.Sample;
import dev.greenlight.spec.RunbookSpec;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code compare-daily}: reads the service's compare statistics ({@code reports.compareStatsUrl}) and turns them into
 * seed 000's daily report. An unreachable or malformed statistics endpoint fails the job, so the report is retried
 * rather than written from nothing.
 */
@Component
public class CompareDailyReports implements ReportBuilder {

  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String EXPECTED = "{\"total_queries\": n, \"discrepancies\": n, \"errors\": n, \"samples\":"
      + " [{\"input\", \"legacy_result\", \"new_result\", \"match\"}]}";

  private final JsonHttp http;

  public CompareDailyReports(JsonHttp http) {
    this.http = http.withTimeout(TIMEOUT);
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
    String url = runbook.reports().compareStatsUrl();
    CompareModeReport report = read(statistics(url), url, LocalDate.ofInstant(now, ZoneOffset.UTC));
    String verdict = report.hasIssues() ? "ATTENTION, " + report.findings() + " found" : "OK";
    String summary = "compare mode " + report.date() + ": " + report.totalQueries() + " queries, "
        + report.discrepancies() + " discrepancies, " + report.errors() + " errors — " + verdict;
    return new ReportDraft(report.hasIssues() ? ReportStatus.ATTENTION : ReportStatus.OK, summary, report);
  }

  /** The service's answer at its compare statistics endpoint. */
  protected JsonHttp.Reply statistics(String url) {
    return http.call("GET", URI.create(url), Optional.empty(), null).requireSuccess("The compare statistics at " + url);
  }

  private static CompareModeReport read(JsonHttp.Reply reply, String url, LocalDate date) {
    JsonNode stats = reply.body();
    if (!stats.isObject()) {
      throw malformed(url, "the answer is not a JSON object", reply);
    }
    long total = count(stats, "total_queries", url, reply);
    long discrepancies = count(stats, "discrepancies", url, reply);
    long errors = count(stats, "errors", url, reply);
    List<Sample> samples = new ArrayList<>();
    JsonNode items = stats.path("samples");
    if (!items.isMissingNode() && !items.isNull() && !items.isArray()) {
      throw malformed(url, "samples is not a list", reply);
    }
    for (JsonNode item : items) {
      if (!item.path("match").isBoolean()) {
        throw malformed(url, "a sample has no true/false match", reply);
      }
      samples.add(new Sample(text(item.get("input")), text(item.get("legacy_result")), text(item.get("new_result")),
          item.get("match").booleanValue()));
    }
    return CompareModeReport.of(date.toString(), total, discrepancies, errors, List.copyOf(samples));
  }

  private static long count(JsonNode stats, String field, String url, JsonHttp.Reply reply) {
    JsonNode value = stats.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw malformed(url, field + " is not a count", reply);
    }
    return value.longValue();
  }

  /** Results may be text or structured; structured ones are kept as their JSON. */
  private static String text(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static IllegalStateException malformed(String url, String problem, JsonHttp.Reply reply) {
    return new IllegalStateException("The compare statistics at " + url + " are not usable: " + problem
        + "; the service must answer " + EXPECTED + ", it answered: " + reply.excerpt());
  }
}
