package dev.greenlight.integrations.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.integrations.ChangeNotAppliedException;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.TrafficTarget;
import dev.greenlight.spec.TrafficTarget.TrafficProvider;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import dev.greenlight.support.TestBounds;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The weights API of seed 003's router, played by a local HTTP server. */
class HttpTrafficRouterTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

  private final ObjectMapper json = JsonMapper.builder().build();
  private final TrafficShifter shifter = new TrafficShifter(new TrafficRouters(new JsonHttp(json),
      new Secrets(new MockEnvironment().withProperty("greenlight.secrets.ROUTER_TOKEN", "r0uter")), null,
      TestBounds.runner(), TestBounds.files()),
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void putsTheWeightsWithTheTokenAndConfirmsThemByReadingBack() throws Exception {
    AtomicReference<String> weights = new AtomicReference<>("{\"stable\": 100, \"canary\": 0}");
    try (LocalHttpServer router = LocalHttpServer.start(request -> {
      if (request.method().equals("PUT")) {
        weights.set(request.body());
      }
      return Response.json(200, weights.get());
    })) {
      TrafficShift shift = shifter.shiftTo(target(router, "ROUTER_TOKEN"), TrafficWeights.onCanary(1));

      assertThat(shift).isEqualTo(new TrafficShift(99, 1, null, NOW));
      assertThat(router.requests()).extracting(RecordedRequest::method).containsExactly("PUT", "GET");
      RecordedRequest put = router.requests().get(0);
      assertThat(put.path()).isEqualTo("/api/traffic-weights");
      assertThat(put.header("Authorization")).isEqualTo("Bearer r0uter");
      assertThat(put.header("Content-Type")).isEqualTo("application/json");
      assertThat(json.readTree(put.body())).isEqualTo(json.readTree("{\"stable\": 99, \"canary\": 1}"));
      assertThat(router.requests().get(1).path()).isEqualTo("/api/traffic-weights");
    }
  }

  @Test
  void blueGreenSwitchOnAWeightsRouterSendsEverythingToOneSide() throws Exception {
    AtomicReference<String> weights = new AtomicReference<>("{\"stable\": 100, \"canary\": 0}");
    try (LocalHttpServer router = LocalHttpServer.start(request -> {
      if (request.method().equals("PUT")) {
        weights.set(request.body());
      }
      return Response.json(200, weights.get());
    })) {
      TrafficShift shift = shifter.switchTo(target(router, null), Side.GREEN);

      assertThat(shift).isEqualTo(new TrafficShift(0, 100, "green", NOW));
      // the side the router is on is read first: a switch to the live side writes nothing
      RecordedRequest write = router.requests().stream().filter(request -> request.method().equals("PUT"))
          .findFirst().orElseThrow();
      assertThat(json.readTree(write.body())).isEqualTo(json.readTree("{\"stable\": 0, \"canary\": 100}"));
      assertThat(write.header("Authorization")).isNull();
    }
  }

  @Test
  void routerThatKeepsTheOldWeightsIsReportedAsNotApplied() {
    try (LocalHttpServer router = LocalHttpServer.start(request ->
        Response.json(200, "{\"stable\": 100, \"canary\": 0}"))) {
      assertThatThrownBy(() -> shifter.shiftTo(target(router, null), TrafficWeights.onCanary(10)))
          .isInstanceOf(ChangeNotAppliedException.class)
          .hasMessage("Traffic shift not applied by the HTTP router: it reads stable 100% / canary 0%, "
              + "expected stable 90% / canary 10%");
    }
  }

  @Test
  void unconfiguredTokenSecretIsNamedWithoutCallingTheRouter() {
    try (LocalHttpServer router = LocalHttpServer.start(request -> Response.json(200, "{}"))) {
      assertThatThrownBy(() -> shifter.shiftTo(target(router, "MISSING_TOKEN"), TrafficWeights.onCanary(10)))
          .hasMessageContaining("Secret 'MISSING_TOKEN' is not configured");
      assertThat(router.requests()).isEmpty();
    }
  }

  @Test
  void weightsOutsideZeroToHundredAreRejected() {
    assertThatThrownBy(() -> TrafficWeights.onCanary(101))
        .hasMessage("The weight on the new version must be 0..100 percent, was 101");
  }

  private static TrafficTarget target(LocalHttpServer router, String tokenSecret) {
    return new TrafficTarget(TrafficProvider.HTTP, router.uri("/api/traffic-weights").toString(), tokenSecret,
        null, null);
  }
}
