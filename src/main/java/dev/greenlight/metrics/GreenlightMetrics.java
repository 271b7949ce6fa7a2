package dev.greenlight.metrics;

import dev.greenlight.gates.GateVerdict;
import dev.greenlight.spec.Strategy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Greenlight's own metrics on {@code /actuator/prometheus}, recorded where the events happen. Labels are bounded
 * (strategy, service, outcome, verdict), never a rollout id, so a long history of rollouts does not grow the series.
 */
@Component
public class GreenlightMetrics {

  private static final Duration[] ROLLBACK_BUCKETS = seconds(5, 15, 30, 60, 120, 300, 600, 1800);
  private static final Duration[] DECISION_BUCKETS = seconds(60, 300, 900, 3600, 4 * 3600, 12 * 3600, 24 * 3600,
      48 * 3600, 7 * 24 * 3600);

  private final MeterRegistry registry;
  private final Timer breachToRollback;
  private final Timer decisionWait;

  public GreenlightMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.breachToRollback = Timer.builder("greenlight.breach.to.rollback")
        .description("From the gate measurement that found a breach to traffic confirmed back on the old version")
        .serviceLevelObjectives(ROLLBACK_BUCKETS).register(registry);
    this.decisionWait = Timer.builder("greenlight.decision.wait")
        .description("From a decision or sign-off task being created to a person answering it")
        .serviceLevelObjectives(DECISION_BUCKETS).register(registry);
  }

  public void rolloutStarted(Strategy strategy, String service) {
    Counter.builder("greenlight.rollouts.started").description("Rollouts started, by strategy and service")
        .tag("strategy", strategy.specName()).tag("service", service).register(registry).increment();
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

  private static Duration[] seconds(long... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofSeconds(values[i]);
    }
    return durations;
  }
}
