package dev.greenlight.integrations.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.spec.SmokeTests;
import dev.greenlight.spec.SmokeTests.Check;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmokeTestRunnerTest {

  final SmokeTestRunner runner = new SmokeTestRunner(new JsonHttp(new ObjectMapper()));
  final LocalHttpServer service = LocalHttpServer.start(request -> switch (request.path()) {
    case "/health" -> Response.json(200, "{\"status\":\"UP\",\"version\":\"2.0.0\",\"replicas\":3}");
    case "/down" -> Response.json(503, "{\"status\":\"DOWN\"}");
    case "/orders" -> Response.json(201, "{\"id\":\"o-1\",\"total\":12.5}");
    case "/slow" -> {
      Thread.sleep(400);
      yield Response.json(200, "{\"status\":\"UP\"}");
    }
    case "/hang" -> {
      Thread.sleep(3_000);
      yield Response.json(200, "{}");
    }
    default -> Response.text(404, "no such page");
  });

  @AfterEach
  void stopService() {
    service.close();
  }

  @Test
  void passingChecksSendExactlyWhatTheSpecSays() {
    Check health = new Check("health", null, url("/health"), Map.of("X-Smoke", "1"), null, 0,
        Map.of("$.status", "UP", "$.replicas", 3.0), Duration.ofSeconds(2));
    Check order = new Check("create-order", "post", url("/orders"), Map.of("Content-Type", "application/json"),
        "{\"item\":\"x\"}", 201, Map.of("$.total", 12.5), null);

    SmokeReport report = runner.run(new SmokeTests(Duration.ofSeconds(5), List.of(health, order)), null);

    assertThat(report.passed()).isTrue();
    assertThat(report.checks()).extracting(SmokeCheckResult::name, SmokeCheckResult::passed, SmokeCheckResult::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("health", true, 200),
            org.assertj.core.groups.Tuple.tuple("create-order", true, 201));
    assertThat(report.summary()).isEqualTo("all 2 smoke checks passed");
    RecordedRequest get = request("/health");
    assertThat(get.method()).isEqualTo("GET");
    assertThat(get.header("X-Smoke")).isEqualTo("1");
    RecordedRequest post = request("/orders");
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.header("Content-Type")).isEqualTo("application/json");
    assertThat(post.body()).isEqualTo("{\"item\":\"x\"}");
  }

  @Test
  void aWrongStatusIsReportedWithTheExpectedOne() {
    SmokeCheckResult down = single(new Check("down", "GET", url("/down"), null, null, 200, null, null));

    assertThat(down.passed()).isFalse();
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.failures()).containsExactly("expected status 200, got 503");
  }

  @Test
  void jsonMismatchesShowExpectedAndActual() {
    SmokeCheckResult wrong = single(new Check("health", "GET", url("/health"), null, null, 200,
        Map.of("$.version", "2.1.0", "$.build", "abc"), null));

    assertThat(wrong.failures()).containsExactlyInAnyOrder(
        "$.version was \"2.0.0\", expected \"2.1.0\"", "$.build was missing, expected \"abc\"");
  }

  @Test
  void aBodyThatIsNotJsonFailsItsJsonExpectations() {
    SmokeCheckResult notJson = single(new Check("text", "GET", url("/nothing"), null, null, 404,
        Map.of("$.status", "UP"), null));

    assertThat(notJson.failures()).containsExactly("the body was not JSON, expected $.status");
  }

  @Test
  void aSlowResponseIsOverItsLatencyBudgetWithTheMeasuredLatency() {
    SmokeCheckResult slow = single(new Check("slow", "GET", url("/slow"), null, null, 200, Map.of("$.status", "UP"),
        Duration.ofMillis(100)));

    assertThat(slow.status()).isEqualTo(200);
    assertThat(slow.latencyMillis()).isGreaterThanOrEqualTo(400);
    assertThat(slow.failures()).singleElement().asString()
        .matches("took \\d+ ms, over the latency budget of 100 ms");
  }

  @Test
  void checksRunInParallelAndAnUnansweredOneTimesOutAtTheDeadline() {
    Check hang = new Check("hang", "GET", url("/hang"), null, null, 200, null, null);
    Check slow1 = new Check("slow-1", "GET", url("/slow"), null, null, 200, null, null);
    Check slow2 = new Check("slow-2", "GET", url("/slow"), null, null, 200, null, null);
    long started = System.nanoTime();

    SmokeReport report = runner.run(new SmokeTests(Duration.ofMillis(1500), List.of(hang, slow1, slow2)), null);

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isLessThan(Duration.ofSeconds(4));
    assertThat(report.passed()).isFalse();
    assertThat(report.checks().get(0).failures()).containsExactly("no response before the deadline of 1500 ms");
    assertThat(report.checks().get(0).status()).isNull();
    assertThat(report.checks().subList(1, 3)).allMatch(SmokeCheckResult::passed);
    assertThat(report.summary())
        .isEqualTo("1 of 3 smoke checks failed: hang (GET " + url("/hang") + "): no response before the deadline of 1500 ms");
  }

  @Test
  void aRefusedConnectionIsAFailedCheck() {
    LocalHttpServer gone = LocalHttpServer.start(request -> Response.text(200, ""));
    String url = gone.uri("/health").toString();
    gone.close();

    SmokeCheckResult refused = single(new Check("gone", "GET", url, null, null, 200, null, null));

    assertThat(refused.failures()).containsExactly("connection refused by " + gone.uri("/").getAuthority());
  }

  @Test
  void aBadCheckIsRejectedBeforeAnyRequestAndARunbookWithoutSmokeTestsChecksNothing() {
    Check health = new Check("health", "GET", url("/health"), null, null, 200, null, null);
    Check badPath = new Check("bad", "GET", url("/health"), null, null, 200, Map.of("$[", "x"), null);

    assertThatThrownBy(() -> runner.run(new SmokeTests(Duration.ofSeconds(5), List.of(health, badPath)), null))
        .hasMessageStartingWith("smoke check 'bad': expectJson path '$[' is not a valid JSON path");
    SmokeReport nothing = runner.run(null, null);
    assertThat(nothing.passed()).isTrue();
    assertThat(nothing.skipped()).isTrue();
    assertThat(nothing.summary()).isEqualTo("skipped: the runbook has no smokeTests, so nothing was checked");
    assertThat(service.requests()).isEmpty();
  }

  private SmokeCheckResult single(Check check) {
    SmokeReport report = runner.run(new SmokeTests(Duration.ofSeconds(5), List.of(check)), null);
    assertThat(report.passed()).isEqualTo(report.checks().get(0).passed());
    return report.checks().get(0);
  }

  private RecordedRequest request(String path) {
    return service.requests().stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
  }

  private String url(String path) {
    return service.uri(path).toString();
  }
}
