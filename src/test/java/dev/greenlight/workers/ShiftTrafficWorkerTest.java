package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.gates.GateState;
import dev.greenlight.gates.GateVerdict;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.traffic.TrafficRouters;
import dev.greenlight.integrations.traffic.TrafficShift;
import dev.greenlight.integrations.traffic.TrafficShifter;
import dev.greenlight.metrics.GreenlightMetrics;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Strategy;
import dev.greenlight.spec.TrafficTarget;
import dev.greenlight.spec.TrafficTarget.TrafficProvider;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import dev.greenlight.support.TestBounds;
import io.camunda.client.exception.BpmnError;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ShiftTrafficWorkerTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ShiftTrafficWorker worker = new ShiftTrafficWorker(new TrafficShifter(
      new TrafficRouters(new JsonHttp(JsonMapper.builder().build()), new Secrets(new MockEnvironment()), null,
          TestBounds.runner(), TestBounds.files()),
      Clock.fixed(NOW, ZoneOffset.UTC)), new GreenlightMetrics(registry, Clock.systemUTC()));

  @Test
  void weightShiftsTrafficAndReturnsTheConfirmedSplit() {
    AtomicReference<String> weights = new AtomicReference<>("{\"stable\": 100, \"canary\": 0}");
    try (LocalHttpServer router = weightsApi(weights)) {
      Map<String, TrafficShift> result = worker.shiftTraffic(runbook(router), 10, null, null, "checkout-1", null);

      assertThat(result).containsExactly(Map.entry(ShiftTrafficWorker.TRAFFIC, new TrafficShift(90, 10, null, NOW)));
    }
  }

  @Test
  void returningTrafficAfterABreachRecordsTheTimeFromTheBreachingMeasurement() {
    AtomicReference<String> weights = new AtomicReference<>("{\"stable\": 50, \"canary\": 50}");
    GateState breached = new GateState("ramp", GateVerdict.FAIL, Map.of(), 1, 0, NOW.minusSeconds(42),
        NOW.minusSeconds(12), true, "error rate 8 % is above the 0.5 % limit", null, null, 1, 1, 1, null,
        null);
    GateState passing = new GateState("ramp", GateVerdict.PASS, Map.of(), 0, 0, null, NOW.minusSeconds(5), false,
        null, null, null, 3, 3, 0, null, null);
    try (LocalHttpServer router = weightsApi(weights)) {
      worker.shiftTraffic(runbook(router), 25, null, passing, "checkout-1", null);
      worker.shiftTraffic(runbook(router), 0, null, breached, "checkout-1", "full");
    }

    Timer breachToRollback = registry.get("greenlight.breach.to.rollback").timer();
    assertThat(breachToRollback.count()).isEqualTo(1);
    assertThat(breachToRollback.totalTime(TimeUnit.SECONDS)).isEqualTo(12.0);
  }

  @Test
  void sideSwitchesBlueGreen() {
    AtomicReference<String> weights = new AtomicReference<>("{\"stable\": 100, \"canary\": 0}");
    try (LocalHttpServer router = weightsApi(weights)) {
      assertThat(worker.shiftTraffic(runbook(router), null, "green", null, "checkout-1", null)
          .get(ShiftTrafficWorker.TRAFFIC))
          .isEqualTo(new TrafficShift(0, 100, "green", NOW));
    }
  }

  @Test
  void routerThatDoesNotApplyTheShiftThrowsChangeNotApplied() {
    try (LocalHttpServer router = LocalHttpServer.start(request -> Response.json(200, "{\"stable\": 100, \"canary\": 0}"))) {
      assertThatThrownBy(() -> worker.shiftTraffic(runbook(router), 10, null, null, "checkout-1", null))
          .isInstanceOfSatisfying(BpmnError.class,
              error -> assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.CHANGE_NOT_APPLIED));
    }
  }

  @Test
  void needsExactlyOneOfWeightAndSide() {
    try (LocalHttpServer router = LocalHttpServer.start(request -> Response.json(200, "{}"))) {
      assertThatThrownBy(() -> worker.shiftTraffic(runbook(router), null, null, null, "checkout-1", null))
          .hasMessageStartingWith("shift-traffic needs exactly one of the variables 'weight'");
      assertThatThrownBy(() -> worker.shiftTraffic(runbook(router), 10, "green", null, "checkout-1", null))
          .hasMessageContaining("got weight=10, side=green");
      assertThatThrownBy(() -> worker.shiftTraffic(runbook(router), null, "purple", null, "checkout-1", null))
          .hasMessage("Unknown side 'purple': use blue or green");
      assertThat(router.requests()).isEmpty();
    }
  }

  private static LocalHttpServer weightsApi(AtomicReference<String> weights) {
    return LocalHttpServer.start(request -> {
      if (request.method().equals("PUT")) {
        weights.set(request.body());
      }
      return Response.json(200, weights.get());
    });
  }

  private static RunbookSpec runbook(LocalHttpServer router) {
    TrafficTarget traffic = new TrafficTarget(TrafficProvider.HTTP, router.uri("/api/traffic-weights").toString(),
        null, null, null);
    return new RunbookSpec("checkout", Strategy.CANARY, null, null, null, traffic, null, null, null, null, null, null, null);
  }
}
