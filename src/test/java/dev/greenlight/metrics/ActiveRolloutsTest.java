package dev.greenlight.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The active-rollout gauges: one series per rollout, renamed with its stage, gone at the end or when stale. */
class ActiveRolloutsTest {

  static final Tags CHECKOUT = Tags.of("strategy", "canary", "service", "checkout");

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
  final InstantSource clock = now::get;
  final ActiveRollouts active = new ActiveRollouts(registry, clock);

  @Test
  void aNewStageReplacesTheStageSeriesAndUpdatesTheWeight() {
    active.watched(CHECKOUT, "canary", 1, 1, Duration.ofMinutes(3));
    active.watched(CHECKOUT, "ramp", 2, 10, Duration.ofMinutes(3));

    assertThat(registry.find("greenlight.rollout.stage").tags(CHECKOUT).gauges()).singleElement()
        .satisfies(gauge -> {
          assertThat(gauge.getId().getTag("stage")).isEqualTo("ramp");
          assertThat(gauge.value()).isEqualTo(2);
        });
    assertThat(registry.get("greenlight.rollout.traffic.weight").tags(CHECKOUT).gauge().value()).isEqualTo(10);
  }

  @Test
  void theEndOfTheRolloutRemovesItsSeries() {
    active.watched(CHECKOUT, "canary", 1, 1, Duration.ofMinutes(3));

    active.ended(CHECKOUT);

    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void seriesNoMeasurementRefreshedInTimeAreDroppedAndFreshOnesStay() {
    Tags billing = Tags.of("strategy", "canary", "service", "billing");
    active.watched(CHECKOUT, "canary", 1, 1, Duration.ofMinutes(3));
    active.watched(billing, "canary", 1, 1, Duration.ofMinutes(10));

    now.set(now.get().plus(Duration.ofMinutes(4)));
    active.dropStale();

    assertThat(registry.find("greenlight.rollout.stage").tags(CHECKOUT).gauges()).isEmpty();
    assertThat(registry.find("greenlight.rollout.stage").tags(billing).gauges()).hasSize(1);
    assertThat(active.size()).isEqualTo(1);
  }
}
