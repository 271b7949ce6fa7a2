package dev.greenlight.demo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.integrations.release.webhook.WebhookSignature;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo service over real HTTP with its real PostgreSQL, as Greenlight's integrations and its users reach it. */
class DemoServiceTest {

  static final String SECRET = "pipeline-secret-for-tests";
  static final ObjectMapper JSON = new ObjectMapper();
  static DemoService service;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    service = DemoService.start("1.0.0", "db-password-for-tests", SECRET, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws IOException {
    service.close();
  }

  @Test
  void theRouterSendsExactlyTheCanaryWeightToTheCanaryAndRecordsWhenItChanged() throws Exception {
    send("PUT", "/router/weights", "{\"stable\": 90, \"canary\": 10}");
    try {
      assertThat(get("/router/weights")).isEqualTo(JSON.readTree("{\"stable\": 90, \"canary\": 10}"));
      int canary = 0;
      for (int i = 0; i < 100; i++) {
        canary += service.traffic().pick() == Slot.CANARY ? 1 : 0;
      }
      assertThat(canary).isEqualTo(10);
      assertThat(send("PUT", "/router/weights", "{\"stable\": 90, \"canary\": 20}").statusCode()).isEqualTo(400);
    } finally {
      send("PUT", "/router/weights", "{\"stable\": 100, \"canary\": 0}");
    }
    assertThat(service.traffic().changes().getLast()).satisfies(change -> {
      assertThat(change.canary()).isZero();
      assertThat(change.stable()).isEqualTo(100);
    });
  }

  @Test
  void compareModeAnswersFromTheLegacySystemAndRecordsBothResults() throws Exception {
    assertThat(get("/api/elements?q=ladder").get("system").asText()).isEqualTo("legacy");
    migrate();
    send("PUT", "/flags/COMPARE_MODE", "{\"value\": true}");
    try {
      JsonNode answer = get("/api/elements?q=towbar");
      assertThat(answer.get("category").asText()).isEqualTo("towing");
      assertThat(answer.get("system").asText()).isEqualTo("legacy, compared");
      JsonNode stats = get("/compare-stats");
      assertThat(stats.get("total_queries").asLong()).isPositive();
      assertThat(stats.get("discrepancies").asLong()).isZero();
      assertThat(stats.get("samples")).anySatisfy(sample -> {
        assertThat(sample.get("input").asText()).isEqualTo("towbar");
        assertThat(sample.get("legacy_result").asText()).isEqualTo("towing");
        assertThat(sample.get("new_result").asText()).isEqualTo("towing");
        assertThat(sample.get("match").asBoolean()).isTrue();
      });
    } finally {
      send("PUT", "/flags/COMPARE_MODE", "{\"value\": false}");
    }
    send("PUT", "/flags/USE_NEW_SYSTEM", "{\"value\": true}");
    try {
      assertThat(get("/api/elements?q=winch").get("system").asText()).isEqualTo("new");
      assertThat(get("/flags/USE_NEW_SYSTEM")).isEqualTo(JSON.readTree("{\"value\": true}"));
    } finally {
      send("PUT", "/flags/USE_NEW_SYSTEM", "{\"value\": false}");
    }
  }

  @Test
  void aSignedTriggerDeploysToTheSlotAndCallsBackSigned() throws Exception {
    try (LocalHttpServer greenlight = LocalHttpServer.start(request -> Response.json(202, "{}"))) {
      String trigger = "{\"action\": \"deploy\", \"service\": \"catalog\", \"version\": \"1.1.0\", \"callbackUrl\": \""
          + greenlight.uri("/api/callbacks/token-1") + "\"}";
      assertThat(send("POST", "/pipeline/canary", trigger, "sha256=0000").statusCode()).isEqualTo(401);

      HttpResponse<String> accepted = send("POST", "/pipeline/canary", trigger,
          WebhookSignature.sign(SECRET, trigger.getBytes(StandardCharsets.UTF_8)));

      assertThat(accepted.statusCode()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(10)).until(() -> !greenlight.requests().isEmpty());
      LocalHttpServer.RecordedRequest callback = greenlight.requests().getFirst();
      assertThat(callback.path()).isEqualTo("/api/callbacks/token-1");
      assertThat(WebhookSignature.verify(SECRET, callback.body().getBytes(StandardCharsets.UTF_8),
          callback.header(WebhookSignature.HEADER))).isTrue();
      assertThat(JSON.readTree(callback.body()).get("status").asText()).isEqualTo("succeeded");
      assertThat(JSON.readTree(callback.body()).get("previousVersion").asText()).isEqualTo("1.0.0");
      assertThat(service.version(Slot.CANARY)).isEqualTo("1.1.0");
      assertThat(service.version(Slot.STABLE)).isEqualTo("1.0.0");
    }
  }

  @Test
  void aFaultMakesOnlyTheCanaryVersionFailAndShowsInItsStatsAndMetrics() throws Exception {
    service.releases().deploy(Slot.CANARY, "9.9.9");
    send("PUT", "/router/weights", "{\"stable\": 0, \"canary\": 100}");
    try {
      assertThat(send("PUT", "/admin/faults", "{\"errorRate\": 1.0, \"addedLatencyMs\": 20}").statusCode())
          .isEqualTo(200);
      for (int i = 0; i < 5; i++) {
        assertThat(send("GET", "/api/elements?q=ladder", null).statusCode()).isEqualTo(500);
      }
      JsonNode canary = get("/stats/canary");
      assertThat(canary.get("errorRate").asDouble()).isEqualTo(1.0);
      assertThat(canary.get("p99").asDouble()).isGreaterThanOrEqualTo(0.02);
      assertThat(send("GET", "/metrics", null).body())
          .contains("demo_requests_total{status=\"500\",version=\"9.9.9\"}", "demo_request_duration_seconds_bucket");
    } finally {
      send("PUT", "/router/weights", "{\"stable\": 100, \"canary\": 0}");
      service.releases().deploy(Slot.CANARY, "1.0.0");
    }
    assertThat(send("GET", "/api/elements?q=ladder", null).statusCode()).isEqualTo(200);
    assertThat(get("/health").get("status").asText()).isEqualTo("UP");
  }

  @Test
  void metricsCountLookupsByOutcomeAndCategoryAndReadTheDatabasesCacheCounters() throws Exception {
    assertThat(send("GET", "/api/elements?q=ladder", null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/elements?q=flux-capacitor", null).statusCode()).isEqualTo(200);

    String metrics = send("GET", "/metrics", null).body();

    assertThat(metrics).contains(
        "demo_lookups_total{category=\"access\",outcome=\"found\",version=\"1.0.0\"}",
        "demo_lookups_total{category=\"none\",outcome=\"unknown\",version=\"1.0.0\"}",
        "demo_db_up 1.0");
    assertThat(metrics).containsPattern("(?m)^demo_db_blocks_hit_total [1-9][0-9.E]*$")
        .containsPattern("(?m)^demo_db_blocks_read_total [0-9.E]+$");
  }

  /** What the release's migration does: build the new system's index. */
  private static void migrate() throws Exception {
    try (Connection connection = DriverManager.getConnection(service.jdbcUrl(), CatalogDatabase.USER, "db-password-for-tests");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS element_index AS SELECT keyword, category FROM elements");
    }
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send("GET", path, null);
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, null);
  }

  private HttpResponse<String> send(String method, String path, String body, String signature) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.uri(path).toString()))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header(WebhookSignature.HEADER, signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
