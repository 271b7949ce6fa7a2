package dev.greenlight.integrations.metrics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class WebMetricProviderTest {

  static final QueryContext CONTEXT = new QueryContext("checkout", "2.0.0", "r-1");

  final LocalHttpServer endpoint = LocalHttpServer.start(request -> switch (request.path()) {
    case "/stats" -> Response.json(200, "{\"data\":{\"errorRate\":0.004,\"p99\":\"0.180\",\"state\":\"warming\",\"gone\":null}}");
    case "/other" -> Response.json(200, "{\"accuracy\":0.93}");
    case "/broken" -> Response.json(500, "{\"error\":\"database down\"}");
    default -> Response.text(200, "not json");
  });
  final MetricProvider provider = new MetricProviders(new JsonHttp(new ObjectMapper()),
      new Secrets(new MockEnvironment()
      .withProperty("greenlight.secrets.stats-token", "abc"))).forSource(new MetricSource(
          MetricSource.MetricProvider.WEB, endpoint.uri("/stats").toString(), null, null, "stats-token", Map.of(), 0));

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void readsTheNumberAtTheJsonPathWithTheBearerToken() {
    assertThat(measure(null, "$.data.errorRate")).isEqualTo(Measurement.of(0.004));
    assertThat(endpoint.requests().get(0).method()).isEqualTo("GET");
    assertThat(endpoint.requests().get(0).path()).isEqualTo("/stats");
    assertThat(endpoint.requests().get(0).header("Authorization")).isEqualTo("Bearer abc");
  }

  @Test
  void aQueryWithItsOwnUrlUsesIt() {
    assertThat(measure(endpoint.uri("/other").toString(), "$.accuracy")).isEqualTo(Measurement.of(0.93));
  }

  @Test
  void aNumberWrittenAsTextIsANumber() {
    assertThat(measure(null, "$.data.p99")).isEqualTo(Measurement.of(0.18));
  }

  @Test
  void whatIsNotANumberIsInconclusive() {
    assertThat(measure(null, "$.data.missing").problem()).isEqualTo("no data: $['data']['missing'] is not in the response");
    assertThat(measure(null, "$.data.gone").problem()).isEqualTo("no data: $['data']['gone'] is null");
    assertThat(measure(null, "$.data.state").problem()).isEqualTo("$['data']['state'] is \"warming\", not a number");
    assertThat(measure(endpoint.uri("/broken").toString(), "$.x").problem())
        .isEqualTo("the metric endpoint answered 500: {\"error\":\"database down\"}");
    assertThat(measure(endpoint.uri("/text").toString(), "$.x").problem())
        .isEqualTo("the metric endpoint answered with a body that is not JSON: not json");
  }

  @Test
  void aQueryWithoutJsonPathIsABadSpec() {
    assertThatThrownBy(() -> measure(null, null))
        .hasMessage("metrics.queries.errorRate.jsonPath is missing: where the number is, e.g. $.errorRate");
  }

  private Measurement measure(String url, String jsonPath) {
    return provider.measure("errorRate", new MetricSource.Query(null, url, jsonPath, MetricSource.Unit.RATIO), CONTEXT)
        .join();
  }
}
