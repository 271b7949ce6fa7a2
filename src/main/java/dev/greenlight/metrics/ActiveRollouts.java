package dev.greenlight.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gauges of rollouts in progress: {@code greenlight_rollout_stage} (the current stage's position, 1 for the
 * first, with the stage's name as a label) and {@code greenlight_rollout_traffic_weight_percent} (the stage's share of
 * traffic or users on the new version). One series per active rollout, labelled by strategy and service (a service
 * has one rollout at a time). They go when the rollout ends, or when no gate measurement refreshed them for a while:
 * with several Greenlight instances only one runs the rollout's end, and the others must not keep it forever.
 */
final class ActiveRollouts {

  private final MeterRegistry registry;
  private final InstantSource clock;
  private final Map<Tags, Progress> active = new ConcurrentHashMap<>();

  ActiveRollouts(MeterRegistry registry, InstantSource clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** A gate measurement of {@code stage}; the series stay until {@code staleAfter} passes without another. */
  void watched(Tags rollout, String stage, int position, Integer weight, Duration staleAfter) {
    active.computeIfAbsent(rollout, Progress::new).update(stage, position, weight, clock.instant().plus(staleAfter));
  }

  void ended(Tags rollout) {
    Progress progress = active.remove(rollout);
    if (progress != null) {
      progress.remove();
    }
  }

  /** Drops the series of rollouts no measurement refreshed in time (ended on another instance, or stuck). */
  void dropStale() {
    Instant now = clock.instant();
    active.forEach((rollout, progress) -> {
      if (progress.staleAt().isBefore(now) && active.remove(rollout, progress)) {
        progress.remove();
      }
    });
  }

  int size() {
    return active.size();
  }

  /** One rollout's gauges; the stage gauge is registered again under the new stage's name when the stage changes. */
  private final class Progress {
    private final Tags rollout;
    private volatile int position;
    private volatile int weight;
    private volatile Instant staleAt = Instant.MAX;
    private String stage;
    private Gauge stageGauge;
    private Gauge weightGauge;

    Progress(Tags rollout) {
      this.rollout = rollout;
    }

    Instant staleAt() {
      return staleAt;
    }

    synchronized void update(String stage, int position, Integer weight, Instant staleAt) {
      this.position = position;
      this.staleAt = staleAt;
      if (stageGauge != null && !stage.equals(this.stage)) {
        registry.remove(stageGauge);
        stageGauge = null;
      }
      this.stage = stage;
      if (stageGauge == null) {
        stageGauge = Gauge.builder("greenlight.rollout.stage", this, p -> p.position).tags(rollout.and("stage", stage))
            .description("Position of the stage an active rollout is in (1 = first); label stage names it")
            .register(registry);
      }
      if (weight != null) {
        this.weight = weight;
        if (weightGauge == null) {
          weightGauge = Gauge.builder("greenlight.rollout.traffic.weight", this, p -> p.weight).tags(rollout)
              .baseUnit("percent").description("Traffic (or users) on the new version in an active rollout's stage")
              .register(registry);
        }
      }
    }

    synchronized void remove() {
      if (stageGauge != null) {
        registry.remove(stageGauge);
      }
      if (weightGauge != null) {
        registry.remove(weightGauge);
      }
    }
  }
}
