package dev.greenlight.workers;

import dev.greenlight.integrations.JsonHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.gates.GateCheck;
import dev.greenlight.integrations.compare.HttpCompareStatistics;
import dev.greenlight.integrations.metrics.MetricProviders;
import dev.greenlight.reports.BaselineReports;
import dev.greenlight.reports.CompareDailyReports;
import dev.greenlight.reports.IncidentReports;
import dev.greenlight.reports.MetricReadings;
import dev.greenlight.reports.PerformanceReports;
import dev.greenlight.reports.PostDeploymentChecks;
import dev.greenlight.reports.Report;
import dev.greenlight.reports.ReportHeadline;
import dev.greenlight.reports.ReportKind;
import dev.greenlight.reports.ReportRequest;
import dev.greenlight.reports.ReportStatus;
import dev.greenlight.reports.ReportStore;
import dev.greenlight.reports.ReportWriter;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.ReadOnlyDirectory;
import dev.greenlight.support.LocalHttpServer.Response;
import io.camunda.client.api.response.ActivatedJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * write-report, measure-baseline and check-post-deployment against a local service that serves its compare statistics and its metrics as JSON (a web metric
 * source), filing into a real report directory.
 */
class WriteReportWorkerTest {

  static final Instant NOW = Instant.parse("2026-11-23T23:59:00Z");
  static final String ROLLOUT = "msia-api-20261120-7f3a";
  static final String STATS = """
      {"total_queries": 1254, "discrepancies": 0, "errors": 0, "collected_since": "2026-11-23T00:00:00Z",
       "samples": [
         {"input": "escalera mecánica", "legacy_result": "T2 (230€)", "new_result": "T2 (230€)", "match": true,
          "latency_ms": 12},
         {"input": "antena parabólica", "legacy_result": "T6 (59€)", "new_result": "T6 (59€)", "match": true}]}
      """;

  @TempDir Path reportDirectory;
  final ObjectMapper json = new ObjectMapper();
  final AtomicReference<Response> stats = new AtomicReference<>(Response.json(200, STATS));
  final AtomicReference<String> metrics = new AtomicReference<>("{\"errorRate\": 0.0005, \"latencyP95\": 0.3}");
  LocalHttpServer service;
  RunbookSpec runbook;
  ReportStore store;

  @BeforeEach
  void startTheService() {
    service = LocalHttpServer.start(request -> request.path().equals("/compare-stats") ? stats.get()
        : Response.json(200, metrics.get()));
    runbook = new SpecReader().readYaml("""
        service: msia-api
        strategy: feature-flag
        flags:
          provider: file
          file: /tmp/flags.env
          names: {useNewSystem: USE_ELEMENT_SYSTEM, compareMode: COMPARE_MODE}
        release:
          provider: command
          command: {deploy: [/bin/true], revert: [/bin/true], currentVersion: [/bin/echo, 1.0.0]}
        approvals:
          deciders: [msia-oncall]
        reports:
          compareStatsUrl: COMPARE_STATS_URL
        metrics:
          provider: web
          url: METRICS_URL
          queries:
            errorRate: {jsonPath: $.errorRate, unit: ratio}
            latencyP95: {jsonPath: $.latencyP95, unit: seconds}
        stages:
          - {name: dark-launch, duration: PT30M, interval: PT1M, thresholds: {errorRate: "< 1%"}}
          - {name: compare-mode, duration: PT48H, interval: PT5M, reportEvery: P1D, thresholds: {errorRate: "< 1%"}}
          - name: switch
            duration: PT24H
            interval: PT5M
            reportEvery: PT1H
            thresholds: {errorRate: "< 0.1%", latencyP95: "< 500ms"}
        """.replace("COMPARE_STATS_URL", service.uri("/compare-stats").toString())
        .replace("METRICS_URL", service.uri("/metrics").toString()), "msia.yaml");
    store = new ReportStore(reportDirectory);
  }

  @AfterEach
  void stopTheService() {
    service.close();
  }

  @Test
  void theDailyCompareReportHasSeed000sShape() throws IOException {
    Map<String, Object> variables = worker(NOW).writeReport(job(11), request("compare-daily"));

    ReportHeadline headline = (ReportHeadline) variables.get(WriteReportWorker.REPORT);
    assertThat(headline.summary())
        .isEqualTo("compare mode 2026-11-23: 1254 queries, 0 discrepancies, 0 errors — OK");
    assertThat(headline.kind()).isEqualTo(ReportKind.COMPARE_DAILY);
    assertThat(headline.status()).isEqualTo(ReportStatus.OK);
    assertThat(headline.createdAt()).isEqualTo(NOW);
    assertThat(headline.id()).isEqualTo("20261123T235900000Z-compare-daily");
    assertThat(variables).doesNotContainKey(WriteReportWorker.BASELINE);
    assertThat(service.requests()).singleElement().satisfies(request -> {
      assertThat(request.method()).isEqualTo("GET");
      assertThat(request.path()).isEqualTo("/compare-stats");
      assertThat(request.header("Accept")).isEqualTo("application/json");
    });

    Path file = reportDirectory.resolve(ROLLOUT).resolve("20261123T235900000Z-compare-daily.json");
    JsonNode filed = json.readTree(file.toFile());
    assertThat(filed.get("content")).isEqualTo(json.readTree("""
        {"phase": "compare_mode",
         "date": "2026-11-23",
         "total_queries": 1254,
         "discrepancies": 0,
         "errors": 0,
         "status": "OK - no issues detected",
         "samples": [
           {"input": "escalera mecánica", "legacy_result": "T2 (230€)", "new_result": "T2 (230€)", "match": true},
           {"input": "antena parabólica", "legacy_result": "T6 (59€)", "new_result": "T6 (59€)", "match": true}]}
        """));
    assertThat(json.convertValue(filed.get("content"), Map.class).keySet()).containsExactly("phase", "date",
        "total_queries", "discrepancies", "errors", "status", "samples");
    assertThat(filed.get("rolloutId").asText()).isEqualTo(ROLLOUT);
    assertThat(filed.get("kind").asText()).isEqualTo("compare-daily");
    assertThat(filed.get("createdAt").asText()).isEqualTo("2026-11-23T23:59:00Z");
    assertThat(filed.get("summary").asText()).isEqualTo(headline.summary());
  }

  @Test
  void discrepanciesAndErrorsAreCalledOut() {
    stats.set(Response.json(200, """
        {"total_queries": 980, "discrepancies": 3, "errors": 1, "samples": [
          {"input": "escalera", "legacy_result": "T3 (180€)", "new_result": "T2 (230€)", "match": false}]}
        """));

    worker(NOW).writeReport(job(12), request("compare-daily"));

    Report report = store.list(ROLLOUT).getFirst();
    assertThat(report.summary()).isEqualTo("compare mode 2026-11-23: 980 queries, 3 discrepancies, 1 errors —"
        + " ATTENTION, 3 discrepancies and 1 error found");
    assertThat(report.status()).isEqualTo(ReportStatus.ATTENTION);
    assertThat(report.content().get("status").asText()).isEqualTo("ATTENTION - 3 discrepancies and 1 error found");
    assertThat(report.content().at("/samples/0/match").asBoolean()).isFalse();
  }

  @Test
  void statisticsThatCannotBeReadFailTheJobAndFileNothing() {
    stats.set(Response.json(503, "{\"error\": \"warming up\"}"));
    assertThatThrownBy(() -> worker(NOW).writeReport(job(13), request("compare-daily")))
        .hasMessage("The compare statistics at " + service.uri("/compare-stats") + " answered HTTP 503:"
            + " {\"error\": \"warming up\"}");

    stats.set(Response.json(200, "{\"total_queries\": 10, \"discrepancies\": \"none\", \"errors\": 0}"));
    assertThatThrownBy(() -> worker(NOW).writeReport(job(13), request("compare-daily")))
        .hasMessage("The compare statistics at " + service.uri("/compare-stats") + " are not usable: discrepancies"
            + " is not a count; the service must answer {\"total_queries\": n, \"discrepancies\": n, \"errors\": n,"
            + " \"samples\": [{\"input\", \"legacy_result\", \"new_result\", \"match\"}]}, it answered:"
            + " {\"total_queries\": 10, \"discrepancies\": \"none\", \"errors\": 0}");
    assertThat(store.list(ROLLOUT)).isEmpty();
  }

  @Test
  void aReportsDirectoryThatTakesNothingIsAClearErrorAndChangesNoDecision() throws Exception {
    Map<String, Object> variables;
    try (ReadOnlyDirectory readOnly = ReadOnlyDirectory.of(reportDirectory)) {
      variables = baselineWorker(NOW).measureBaseline(job(25), request("baseline"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Double> baseline = (Map<String, Double>) variables.get(WriteReportWorker.BASELINE);
    assertThat(baseline).as("measured all the same").containsExactly(Map.entry("errorRate", 0.0005),
        Map.entry("latencyP95", 0.3));
    ReportHeadline headline = (ReportHeadline) variables.get(WriteReportWorker.REPORT);
    assertThat(headline.status()).isEqualTo(ReportStatus.OK);
    assertThat(headline.id()).isNull();
    assertThat(headline.summary()).startsWith("baseline of msia-api 1.4.0: errorRate 0.0005, latencyP95 0.3 — the"
        + " baseline report was not filed: the reports directory " + reportDirectory.toAbsolutePath()
        + " did not take it (").endsWith("); free space or fix its permissions (greenlight.reports.directory)."
            + " Nothing the rollout decides depends on it");
    assertThat(store.list(ROLLOUT)).isEmpty();
  }

  @Test
  void theBaselineFeedsThePerformanceReport() {
    Map<String, Object> baselineVariables = baselineWorker(NOW).measureBaseline(job(21), request("baseline"));

    @SuppressWarnings("unchecked")
    Map<String, Double> baseline = (Map<String, Double>) baselineVariables.get(WriteReportWorker.BASELINE);
    assertThat(baseline).containsExactly(Map.entry("errorRate", 0.0005), Map.entry("latencyP95", 0.3));
    assertThat(((ReportHeadline) baselineVariables.get(WriteReportWorker.REPORT)).summary())
        .isEqualTo("baseline of msia-api 1.4.0: errorRate 0.0005, latencyP95 0.3");

    metrics.set("{\"errorRate\": 0.00025, \"latencyP95\": 0.36}");
    Map<String, Object> performance = worker(NOW.plusSeconds(3600))
        .writeReport(job(22), withBaseline(request("performance"), baseline));

    ReportHeadline headline = (ReportHeadline) performance.get(WriteReportWorker.REPORT);
    assertThat(headline.summary()).isEqualTo("performance of msia-api 1.4.0 against the baseline:"
        + " errorRate 0.0005 → 0.00025 (-50%), latencyP95 0.3 → 0.36 (+20%)");
    assertThat(headline.status()).isEqualTo(ReportStatus.OK);
    Report report = store.list(ROLLOUT).getLast();
    assertThat(report.kind()).isEqualTo(ReportKind.PERFORMANCE);
    assertThat(report.content().get("metrics")).isEqualTo(json.valueToTree(Map.of(
        "errorRate", Map.of("before", 0.0005, "after", 0.00025, "changePercent", -50.0),
        "latencyP95", Map.of("before", 0.3, "after", 0.36, "changePercent", 20.0))));
    assertThat(store.list(ROLLOUT)).extracting(Report::kind)
        .containsExactly(ReportKind.BASELINE, ReportKind.PERFORMANCE);
  }

  @Test
  void aMetricWithoutNumberLeavesAGapThatNeedsAttention() {
    metrics.set("{\"errorRate\": 0.0005}");

    Map<String, Object> variables = baselineWorker(NOW).measureBaseline(job(23), request("baseline"));

    Map<?, ?> baseline = (Map<?, ?>) variables.get(WriteReportWorker.BASELINE);
    assertThat(baseline.containsKey("latencyP95")).isTrue();
    assertThat(baseline.get("latencyP95")).isNull();
    Report report = store.list(ROLLOUT).getFirst();
    assertThat(report.status()).isEqualTo(ReportStatus.ATTENTION);
    assertThat(report.summary()).isEqualTo("baseline of msia-api 1.4.0: errorRate 0.0005; not measured: latencyP95");
    assertThat(report.content().at("/notMeasured/latencyP95").asText())
        .isEqualTo("no data: $['latencyP95'] is not in the response");
    assertThatThrownBy(() -> worker(NOW).writeReport(job(24), request("performance")))
        .hasMessage("A performance report needs the variable 'baseline'");
  }

  @Test
  void thePostDeploymentCheckHoldsTheMetricsToTheLastStage() {
    Map<String, Object> passed = postDeploymentWorker(NOW).checkPostDeployment(job(31),
        withCheckpoint(request("post-deployment-check"), "T+1h"));
    assertThat(((ReportHeadline) passed.get(WriteReportWorker.REPORT)).summary())
        .isEqualTo("post-deployment check T+1h of msia-api 1.4.0 against stage switch: pass");

    metrics.set("{\"errorRate\": 0.02, \"latencyP95\": 0.3}");
    Map<String, Object> failed = postDeploymentWorker(NOW.plusSeconds(86_400)).checkPostDeployment(job(32),
        withCheckpoint(request("post-deployment-check"), "T+24h"));

    ReportHeadline headline = (ReportHeadline) failed.get(WriteReportWorker.REPORT);
    assertThat(headline.status()).isEqualTo(ReportStatus.ATTENTION);
    assertThat(headline.summary()).isEqualTo("post-deployment check T+24h of msia-api 1.4.0 against stage switch:"
        + " fail — error rate 2 % is above the 0.1 % limit");
    JsonNode content = store.list(ROLLOUT).getLast().content();
    assertThat(content.get("verdict").asText()).isEqualTo("fail");
    assertThat(content.get("stage").asText()).isEqualTo("switch");
    assertThat(content.at("/metrics/errorRate/value").asDouble()).isEqualTo(0.02);
    assertThat(content.at("/metrics/errorRate/limit").asText()).isEqualTo("< 0.1%");
    assertThat(content.at("/metrics/latencyP95/verdict").asText()).isEqualTo("pass");
  }

  @Test
  void theIncidentReportKeepsTheDecisionsInOrder() {
    List<Map<String, Object>> decisions = List.of(
        decision("2026-11-23T23:20:00Z", "erin", "Acknowledge the incident", "go", null),
        decision("2026-11-23T23:25:00Z", "dave", "Assess the incident", "go", "error rate 5 %, roll back"));
    ReportRequest incident = new ReportRequest("incident", runbook, ROLLOUT, null, "1.4.0", null, "P1",
        "error rate above 5 % after the switch", "msia-incident-1", "rollback", decisions, null, null,
        "2026-11-23T23:14:00Z");

    Map<String, Object> variables = worker(NOW).writeReport(job(41), incident);

    assertThat(((ReportHeadline) variables.get(WriteReportWorker.REPORT)).summary()).isEqualTo("P1 incident"
        + " msia-incident-1 of msia-api: error rate above 5 % after the switch — remediation rollback, 2 decisions,"
        + " open 45 min");
    JsonNode content = store.list(ROLLOUT).getFirst().content();
    assertThat(content.get("severity").asText()).isEqualTo("P1");
    assertThat(content.get("remediation").asText()).isEqualTo("rollback");
    assertThat(content.get("times")).isEqualTo(json.valueToTree(Map.of("openedAt", "2026-11-23T23:14:00Z",
        "reportedAt", "2026-11-23T23:59:00Z", "openFor", "PT45M")));
    assertThat(content.get("timeline").findValuesAsText("by")).containsExactly("erin", "dave");
    assertThat(content.at("/timeline/1/comment").asText()).isEqualTo("error rate 5 %, roll back");

    ReportRequest outsideARollout = new ReportRequest("incident", runbook, null, null, null, null, "P3", "slow admin",
        "msia-incident-2", "none", null, null, null, "not a time");
    assertThatThrownBy(() -> worker(NOW).writeReport(job(42), outsideARollout)).hasMessage("openedAt 'not a time'"
        + " is not an ISO-8601 date and time with an offset, such as 2026-11-23T10:15:30Z");
  }

  @Test
  void aRetriedJobReplacesItsReportAndAnotherJobAddsOne() throws IOException {
    worker(NOW).writeReport(job(51), request("compare-daily"));
    stats.set(Response.json(200, STATS.replace("1254", "1300")));

    Map<String, Object> retried = worker(NOW.plusSeconds(90)).writeReport(job(51), request("compare-daily"));

    ReportHeadline headline = (ReportHeadline) retried.get(WriteReportWorker.REPORT);
    assertThat(headline.id()).isEqualTo("20261123T235900000Z-compare-daily");
    assertThat(headline.createdAt()).isEqualTo(NOW);
    assertThat(store.list(ROLLOUT)).singleElement()
        .satisfies(report -> assertThat(report.content().get("total_queries").asLong()).isEqualTo(1300));

    worker(NOW.plusSeconds(86_400)).writeReport(job(52), request("compare-daily"));
    assertThat(store.list(ROLLOUT)).extracting(Report::id).containsExactly("20261123T235900000Z-compare-daily",
        "20261124T235900000Z-compare-daily");
    try (Stream<Path> files = Files.list(reportDirectory.resolve(ROLLOUT))) {
      assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(
          "20261123T235900000Z-compare-daily.json", "20261124T235900000Z-compare-daily.json");
    }
  }

  @Test
  void anUnknownKindOrAMissingRolloutIsAMistakeOfTheProcess() {
    assertThatThrownBy(() -> worker(NOW).writeReport(job(61), request("weekly")))
        .hasMessage("reportKind 'weekly' is unknown; the process must set it to one of compare-daily, performance,"
            + " incident");
    assertThatThrownBy(() -> worker(NOW).writeReport(job(61), request("baseline")))
        .hasMessage("reportKind 'baseline' is not written by write-report: a measure-baseline task files it");
    ReportRequest noRollout = new ReportRequest("baseline", runbook, null, null, "1.4.0", null, null, null, null,
        null, null, null, null, null);
    assertThatThrownBy(() -> baselineWorker(NOW).measureBaseline(job(62), noRollout))
        .hasMessage("A baseline report needs the variable 'rolloutId'");
    ReportRequest escape = new ReportRequest("baseline", runbook, "../etc", null, "1.4.0", null, null, null, null,
        null, null, null, null, null);
    assertThatThrownBy(() -> baselineWorker(NOW).measureBaseline(job(63), escape))
        .hasMessage("A report needs the rollout id it belongs to (letters, digits, '.', '_' and '-'), not '../etc'");
  }

  private WriteReportWorker worker(Instant now) {
    return new WriteReportWorker(writer(now));
  }

  private MeasureBaselineWorker baselineWorker(Instant now) {
    return new MeasureBaselineWorker(writer(now));
  }

  private CheckPostDeploymentWorker postDeploymentWorker(Instant now) {
    return new CheckPostDeploymentWorker(writer(now));
  }

  private ReportWriter writer(Instant now) {
    JsonHttp http = new JsonHttp(new ObjectMapper());
    HttpCompareStatistics compareStatistics = new HttpCompareStatistics(http);
    GateCheck gateCheck = new GateCheck(new MetricProviders(http, new Secrets(new MockEnvironment())),
        compareStatistics, Clock.fixed(now, ZoneOffset.UTC));
    MetricReadings readings = new MetricReadings(gateCheck);
    return new ReportWriter(List.of(new CompareDailyReports(compareStatistics), new BaselineReports(readings),
        new PerformanceReports(readings), new PostDeploymentChecks(gateCheck), new IncidentReports()), store,
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private ReportRequest request(String kind) {
    return new ReportRequest(kind, runbook, ROLLOUT, "msia-api", "1.4.0", null, null, null, null, null, null, null,
        null, null);
  }

  private static ReportRequest withBaseline(ReportRequest r, Map<String, Double> baseline) {
    return new ReportRequest(r.reportKind(), r.runbook(), r.rolloutId(), r.service(), r.version(), null, null, null,
        null, null, null, baseline, null, null);
  }

  private static ReportRequest withCheckpoint(ReportRequest r, String checkpoint) {
    return new ReportRequest(r.reportKind(), r.runbook(), r.rolloutId(), r.service(), r.version(), null, null, null,
        null, null, null, null, checkpoint, null);
  }

  private static Map<String, Object> decision(String at, String by, String task, String outcome, String comment) {
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("outcome", outcome);
    decision.put("decidedBy", by);
    decision.put("decidedAt", at);
    decision.put("comment", comment);
    decision.put("fields", Map.of());
    decision.put("task", task);
    decision.put("role", "msia-oncall");
    return decision;
  }

  private static ActivatedJob job(long elementInstanceKey) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getElementInstanceKey()).thenReturn(elementInstanceKey);
    return job;
  }
}
