package dev.greenlight.rehearsal.standins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.rehearsal.RehearsalApplication;
import dev.greenlight.rehearsal.RehearsalRecorder;
import dev.greenlight.reports.CompareDailyReports;
import java.time.Duration;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The service's compare statistics in a rehearsal (the daily compare-mode report reads them): recorded; both systems
 * agree on every query of the day.
 */
@Component
@Profile(RehearsalApplication.PROFILE)
class RecordingCompareStatistics extends CompareDailyReports {

  static final long QUERIES_A_DAY = 10_000;

  private final RehearsalRecorder recorder;
  private final JsonHttp http;

  RecordingCompareStatistics(JsonHttp http, RehearsalRecorder recorder) {
    super(http);
    this.http = http;
    this.recorder = recorder;
  }

  @Override
  protected JsonHttp.Reply statistics(String url) {
    recorder.call("service", "GET " + url + ": " + QUERIES_A_DAY + " queries compared, no discrepancies");
    ObjectNode stats = http.json().createObjectNode().put("total_queries", QUERIES_A_DAY).put("discrepancies", 0)
        .put("errors", 0);
    stats.putArray("samples");
    return new JsonHttp.Reply(200, stats, stats.toString(), Duration.ZERO);
  }
}
