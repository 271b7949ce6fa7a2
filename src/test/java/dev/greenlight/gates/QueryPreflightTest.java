package dev.greenlight.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.gates.QueryPreflight.PreflightResult;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.metrics.MetricProviders;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.MetricSource;
import dev.greenlight.spec.MetricSource.MetricProvider;
import dev.greenlight.spec.MetricSource.Query;
import dev.greenlight.spec.MetricSource.Unit;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Strategy;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import dev.greenlight.support.LocalPrometheus;
import dev.greenlight.support.RequestCountExporter;
import dev.greenlight.support.ScrapedService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mock.env.MockEnvironment;

/** The check before a rollout against the real Prometheus scraping a service with a stable and a new version. */
class QueryPreflightTest {

  static final String REQUESTS = "sum(rate(http_requests_total{service=\"{{service}}\",version=\"{{version}}\"}[5s]))";
  /** A ratio whose errors counter has no series until the first error: {@code or vector(0)} makes it a number. */
  static final String ERROR_RATE = "(sum(rate(http_requests_total{service=\"{{service}}\",version=\"{{version}}\","
      + "status=\"500\"}[5s])) or vector(0)) / " + REQUESTS;
  static final Secrets SECRETS = new Secrets(new MockEnvironment()
      .withProperty("greenlight.secrets.prom-user", LocalPrometheus.USERNAME)
      .withProperty("greenlight.secrets.prom-password", LocalPrometheus.PASSWORD));
  static final QueryPreflight PREFLIGHT =
      new QueryPreflight(new MetricProviders(new JsonHttp(new ObjectMapper()), SECRETS));

  @RegisterExtension static final ScrapedService checkout = new ScrapedService();

  @BeforeAll
  static void waitForTwoScrapes() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> PREFLIGHT.check(runbook(Map.of("requests", REQUESTS)), RequestCountExporter.STABLE_VERSION)
            .passed());
  }

  @Test
  void everyQueryIsAskedAboutTheLiveVersion() {
    PreflightResult result = PREFLIGHT.check(runbook(Map.of("requests", REQUESTS, "errorRate", ERROR_RATE)),
        RequestCountExporter.STABLE_VERSION);

    assertThat(result.passed()).as(result.failures().toString()).isTrue();
    assertThat(result.readings().get("errorRate").value()).isZero();
    assertThat(result.readings().get("requests").value()).isPositive();
    assertThat(result.askedAbout()).isEqualTo("for the live version 1.0.0");
  }

  @Test
  void withoutALiveVersionTheVersionMatchersAreLeftOut() {
    PreflightResult result = PREFLIGHT.check(runbook(Map.of("requests", REQUESTS)), null);

    assertThat(result.passed()).as(result.failures().toString()).isTrue();
    assertThat(result.askedAbout())
        .isEqualTo("across all versions (the release provider cannot tell the live one)");
  }

  @Test
  void theRolloutsOwnMatchersAreLeftOutBeforeItHasAnySeries() {
    PreflightResult result = PREFLIGHT.check(runbook(Map.of("requests",
        "sum(rate(http_requests_total{rollout=\"{{rolloutId}}\", service=\"{{service}}\"}[5s]))")), "1.0.0");

    assertThat(result.passed()).as(result.failures().toString()).isTrue();
  }

  @Test
  void aQueryThatSeesNoSeriesOfTheLiveVersionFailsWithWhatPrometheusAnswered() {
    PreflightResult wrongVersion = PREFLIGHT.check(runbook(Map.of("requests", REQUESTS)), "v1.0.0");
    PreflightResult misspelled = PREFLIGHT.check(runbook(Map.of("requests",
        "sum(rate(http_request_total{service=\"{{service}}\"}[5s]))")), null);

    assertThat(wrongVersion.failures()).containsExactly("requests: no data — Prometheus returned no series for"
        + " sum(rate(http_requests_total{service=\"checkout\",version=\"v1.0.0\"}[5s]))");
    assertThat(misspelled.failures()).containsExactly("requests: no data — Prometheus returned no series for"
        + " sum(rate(http_request_total{service=\"checkout\"}[5s]))");
  }

  @Test
  void aRatioOverACounterWithoutSeriesYetIsFoundBeforeTheRollout() {
    PreflightResult result = PREFLIGHT.check(runbook(Map.of("errorRate", "sum(rate(http_requests_total{version="
        + "\"{{version}}\",status=\"500\"}[5s])) / " + REQUESTS)), RequestCountExporter.STABLE_VERSION);

    assertThat(result.failures()).singleElement().asString()
        .startsWith("errorRate: no data — Prometheus returned no series for");
  }

  @Test
  void aMetricSourceThatFailsOrCannotBeReachedFailsEveryQuery() {
    try (LocalHttpServer failing = LocalHttpServer.start(request -> Response.json(500,
        "{\"status\": \"error\", \"errorType\": \"internal\", \"error\": \"storage is down\"}"))) {
      PreflightResult result = PREFLIGHT.check(runbook(failing.uri("").toString(), Map.of("requests", REQUESTS)),
          "1.0.0");

      assertThat(result.failures()).containsExactly("requests: Prometheus answered 500 (internal): storage is down");
    }
    LocalHttpServer gone = LocalHttpServer.start(request -> Response.text(200, ""));
    String url = gone.uri("").toString();
    gone.close();

    assertThat(PREFLIGHT.check(runbook(url, Map.of("requests", REQUESTS)), "1.0.0").failures()).singleElement()
        .asString().startsWith("requests: Prometheus at " + url + " did not answer: java.net.ConnectException");
  }

  private static RunbookSpec runbook(Map<String, String> queries) {
    return runbook(checkout.prometheusUrl(), queries);
  }

  private static RunbookSpec runbook(String url, Map<String, String> promQl) {
    Map<String, Query> queries = new LinkedHashMap<>();
    promQl.forEach((name, query) -> queries.put(name, new Query(query, null, null, Unit.COUNT)));
    MetricSource source = new MetricSource(MetricProvider.PROMETHEUS, url, "prom-user", "prom-password", null, queries,
        0);
    return new RunbookSpec("checkout", Strategy.CANARY, null, null, null, null, null, null, source, List.of(),
        List.of(), null, null);
  }
}
