package dev.greenlight.metrics;

import dev.greenlight.gates.GateVerdict;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import dev.greenlight.spec.Strategy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Greenlight's own metrics on {@code /actuator/prometheus}, recorded where the events happen. Labels are bounded
 * (strategy, service, outcome, verdict, stage), never a rollout id, so a long history of rollouts does not grow the
 * series. Each Greenlight instance counts what its own workers did; with several instances, sum over instances.
 */
@Component
public class GreenlightMetrics {

  private static final Duration[] ROLLBACK_BUCKETS = seconds(5, 15, 30, 60, 120, 300, 600, 1800);
  private static final Duration[] DECISION_BUCKETS = seconds(60, 300, 900, 3600, 4 * 3600, 12 * 3600, 24 * 3600,
      48 * 3600, 7 * 24 * 3600);

  private static final Duration STALE_MARGIN = Duration.ofMinutes(1);

  private final MeterRegistry registry;
  private final Timer breachToRollback;
  private final Timer decisionWait;
  private final ActiveRollouts active;
  private final MultiGauge incidents;

  /** {@code clock} dates the gauges' staleness: the engine's clock in embedded mode, so time travel ages them too. */
  public GreenlightMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.breachToRollback = Timer.builder("greenlight.breach.to.rollback")
        .description("From the gate measurement that found a breach to traffic confirmed back on the old version")
        .serviceLevelObjectives(ROLLBACK_BUCKETS).register(registry);
    this.decisionWait = Timer.builder("greenlight.decision.wait")
        .description("From a decision or sign-off task being created to a person answering it")
        .serviceLevelObjectives(DECISION_BUCKETS).register(registry);
    this.active = new ActiveRollouts(registry, clock);
    this.incidents = MultiGauge.builder("greenlight.rollout.incidents")
        .description("Open incidents of running rollouts, anywhere in their processes, by strategy and service")
        .register(registry);
  }

  /** A strategy and service: the labels a rollout's series carry (a service has one rollout at a time). */
  public record RolloutKind(Strategy strategy, String service) {}

  /** The open incidents of every running rollout, counted by strategy and service; the rest have none. */
  public void openIncidents(Map<RolloutKind, Integer> open) {
    incidents.register(open.entrySet().stream()
        .map(entry -> MultiGauge.Row.of(rollout(entry.getKey().strategy(), entry.getKey().service()), entry.getValue()))
        .toList(), true);
  }

  /** A rollout's runbook was loaded: it started, whether from the API, the CLI or a start form in Tasklist. */
  public void rolloutStarted(Strategy strategy, String service) {
    Counter.builder("greenlight.rollouts.started").description("Rollouts started, by strategy and service")
        .tags(rollout(strategy, service)).register(registry).increment();
  }

  /** A rollout reached one of its final end events; its stage and weight gauges go. */
  public void rolloutEnded(Strategy strategy, String service, RolloutState outcome) {
    Counter.builder("greenlight.rollouts.ended")
        .description("Rollouts ended, by strategy, service and outcome (succeeded, rolled-back, partially-rolled-back,"
            + " aborted, failed, not-approved)")
        .tags(rollout(strategy, service)).tag("outcome", outcome.specName()).register(registry).increment();
    active.ended(rollout(strategy, service));
  }

  /**
   * The rollout started watching {@code stage}, or its gate measured it; {@code position} is the runbook's stage number
   * (1 = first). Its stage and weight gauges stay while readings keep coming: up to two of the longer of the interval
   * and the initial delay, and a minute, after the last one.
   */
  public void stageWatched(Strategy strategy, String service, Stage stage, int position) {
    Duration interval = stage.interval() == null ? Duration.ofMinutes(5) : stage.interval();
    Duration wait = stage.initialDelay() != null && stage.initialDelay().compareTo(interval) > 0
        ? stage.initialDelay() : interval;
    active.watched(rollout(strategy, service), stage.name(), position, stage.weight(),
        wait.multipliedBy(2).plus(STALE_MARGIN));
  }

  /** {@link #stageWatched(Strategy, String, Stage, int)} with the stage's position in the runbook. */
  public void stageWatched(RunbookSpec runbook, Stage stage) {
    stageWatched(runbook.strategy(), runbook.service(), stage,
        runbook.stages().stream().map(Stage::name).toList().indexOf(stage.name()) + 1);
  }

  @Scheduled(fixedDelay = 30, timeUnit = TimeUnit.SECONDS)
  void dropStaleRollouts() {
    active.dropStale();
  }

  public void gateEvaluated(GateVerdict verdict) {
    Counter.builder("greenlight.gate.evaluations").description("Gate measurements, by verdict")
        .tag("verdict", verdict.json()).register(registry).increment();
  }

  public void trafficReturnedAfterBreach(Duration sinceBreach) {
    breachToRollback.record(sinceBreach);
  }

  public void decisionAnswered(Duration waited) {
    decisionWait.record(waited);
  }

  private static Tags rollout(Strategy strategy, String service) {
    return Tags.of("strategy", strategy.specName(), "service", service);
  }

  private static Duration[] seconds(long... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofSeconds(values[i]);
    }
    return durations;
  }
}
