package dev.greenlight.integrations.metrics.prometheus;

import static dev.greenlight.spec.MetricSource.MetricProvider.PROMETHEUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.integrations.metrics.MetricProvider;
import dev.greenlight.integrations.metrics.MetricProviders;
import dev.greenlight.integrations.metrics.QueryContext;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.MetricSource;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import dev.greenlight.support.LocalPrometheus;
import dev.greenlight.support.RequestCountExporter;
import dev.greenlight.support.ScrapedService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mock.env.MockEnvironment;

/** The Prometheus provider against the real Prometheus scraping a local exporter, and against a recording fake. */
class PrometheusProviderTest {

  static final QueryContext CHECKOUT = new QueryContext("checkout", "2.0.0", "checkout-20261123-7f3a");
  static final Secrets SECRETS = new Secrets(new MockEnvironment()
      .withProperty("greenlight.secrets.prom-user", LocalPrometheus.USERNAME)
      .withProperty("greenlight.secrets.prom-password", LocalPrometheus.PASSWORD)
      .withProperty("greenlight.secrets.wrong-password", "not-it")
      .withProperty("greenlight.secrets.prom-token", "t0ken"));
  static final MetricProviders PROVIDERS = new MetricProviders(new JsonHttp(new ObjectMapper()), SECRETS);

  @RegisterExtension static final ScrapedService checkout = new ScrapedService();
  static MetricProvider provider;

  @BeforeAll
  static void connectTheProviderOnceThereIsData() {
    provider = PROVIDERS.forSource(source(checkout.prometheusUrl(), "prom-password"));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> measure("sum(http_requests_total{service=\"{{service}}\"})", CHECKOUT).hasValue());
  }

  @Test
  void readsTheOneSampleOfAnInstantVector() {
    Measurement requests = measure("sum(http_requests_total{service=\"{{service}}\"})", CHECKOUT);

    assertThat(requests.hasValue()).isTrue();
    assertThat(requests.value()).isGreaterThanOrEqualTo(100);
  }

  @Test
  void readsAScalar() {
    assertThat(measure("2 * 21", CHECKOUT)).isEqualTo(Measurement.of(42));
  }

  @Test
  void passesNaNOnForTheGateToJudge() {
    Measurement nan = measure("0/0", CHECKOUT);

    assertThat(nan.hasValue()).isTrue();
    assertThat(nan.value()).isNaN();
  }

  @Test
  void anEmptyVectorIsNoData() {
    Measurement none = measure("http_requests_total{service=\"no-such-service\"}", CHECKOUT);

    assertThat(none.hasValue()).isFalse();
    assertThat(none.problem()).isEqualTo("no data — Prometheus returned no series for"
        + " http_requests_total{service=\"no-such-service\"}");
  }

  @Test
  void moreThanOneSeriesAsksToAggregate() {
    Measurement three = measure("http_requests_total{service=\"{{service}}\"}", CHECKOUT);

    assertThat(three.problem()).as("two status codes of the new version, one of the stable version").isEqualTo("the query returned 3 series; aggregate it to one, e.g. with sum(...) or max(...)");
  }

  @Test
  void invalidPromQlIsInconclusiveWithPrometheusReason() {
    Measurement bad = measure("sum(http_requests_total", CHECKOUT);

    assertThat(bad.problem()).startsWith("Prometheus answered 400 (bad_data): ").contains("unclosed left parenthesis");
  }

  @Test
  void templateValuesWithQuotesAndBackslashesMatchTheirLabelInBothQuoteStyles() {
    QueryContext awkward = new QueryContext("checkout", RequestCountExporter.AWKWARD_VERSION, "r-1");

    assertThat(measure("build_info{version=\"{{version}}\"}", awkward)).isEqualTo(Measurement.of(1));
    assertThat(measure("build_info{version='{{version}}'}", awkward)).isEqualTo(Measurement.of(1));
  }

  @Test
  void wrongCredentialsAreInconclusiveAndSayWhatToCheck() {
    MetricProvider wrong = PROVIDERS.forSource(source(checkout.prometheusUrl(), "wrong-password"));

    Measurement denied = wrong.measure("requests", query("1"), CHECKOUT).join();

    assertThat(denied.problem()).startsWith("Prometheus answered 401: check the credentials");
  }

  @Test
  void anUnreachablePrometheusIsInconclusive() {
    try (LocalHttpServer closed = LocalHttpServer.start(request -> Response.text(200, ""))) {
      String url = closed.uri("").toString();
      closed.close();
      MetricProvider gone = PROVIDERS.forSource(source(url, "prom-password"));

      Measurement unreachable = gone.measure("requests", query("1"), CHECKOUT).join();

      assertThat(unreachable.problem()).startsWith("Prometheus at " + url + " did not answer: java.net.ConnectException");
    }
  }

  @Test
  void sendsTheRenderedQueryEncodedWithTheBearerToken() {
    String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
        + "[{\"metric\":{},\"value\":[1700000000.0,\"0.25\"]}]}}";
    try (LocalHttpServer fake = LocalHttpServer.start(request -> Response.json(200, body))) {
      MetricSource source = new MetricSource(PROMETHEUS, fake.uri("/prom/").toString(), null, null, "prom-token",
          Map.of(), 0);
      MetricProvider bearer = PROVIDERS.forSource(source);

      Measurement measured = bearer.measure("errorRate", query("rate(x{rollout=\"{{rolloutId}}\"}[1m])"), CHECKOUT).join();

      assertThat(measured).isEqualTo(Measurement.of(0.25));
      LocalHttpServer.RecordedRequest request = fake.requests().get(0);
      assertThat(request.method()).isEqualTo("GET");
      assertThat(request.path()).isEqualTo("/prom/api/v1/query?query="
          + URLEncoder.encode("rate(x{rollout=\"checkout-20261123-7f3a\"}[1m])", StandardCharsets.UTF_8));
      assertThat(request.header("Authorization")).isEqualTo("Bearer t0ken");
    }
  }

  @Test
  void aMissingSecretFailsNamingIt() {
    MetricSource source = new MetricSource(PROMETHEUS, "http://127.0.0.1:1", "prom-user", "unset-password", null,
        Map.of(), 0);

    assertThatThrownBy(() -> PROVIDERS.forSource(source))
        .isInstanceOf(Secrets.MissingSecretException.class)
        .hasMessageContaining("Secret 'unset-password' is not configured");
  }

  private static Measurement measure(String promQl, QueryContext context) {
    return provider.measure("q", query(promQl), context).join();
  }

  private static MetricSource.Query query(String promQl) {
    return new MetricSource.Query(promQl, null, null, MetricSource.Unit.COUNT);
  }

  private static MetricSource source(String url, String passwordSecret) {
    return new MetricSource(PROMETHEUS, url, "prom-user", passwordSecret, null, Map.of(), 0);
  }
}
