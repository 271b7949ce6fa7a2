package dev.greenlight.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Issue #8, benchmark 1: a bad canary release breaks the gate and Greenlight rolls it back; from the fault to the
 * router at 100 % stable, and to the rollback process's end.
 */
final class BreachToRollbackBenchmark implements Benchmark {

  private static final double TARGET_P50_SECONDS = 12;
  private static final double TARGET_MAX_SECONDS = 15;

  @Override
  public String name() {
    return "breach-to-rollback";
  }

  @Override
  public String summary() {
    return "fault in a canary stage → router 100 % stable, gate every 10 s: targets p50 ≤ 12 s, max ≤ 15 s";
  }

  @Override
  public Run plan(BenchmarkOptions options) {
    int runs = options.integer("runs", 20);
    Duration interval = options.duration("interval", Duration.ofSeconds(10));
    int seed = options.integer("seed", 8);
    return () -> run(runs, interval, seed);
  }

  private String run(int runs, Duration interval, int seed) throws Exception {
    BadCanaryRollouts.Series series = BadCanaryRollouts.measure(interval, seed, runs, false,
        BadCanaryRollouts.Outcome::faultInjected, (outcome, traffic, ended) -> String.format(Locale.ROOT,
            "| %d | %.2f | %.2f | %s | %s | %s | %s |", outcome.run(), outcome.sinceCheck().toMillis() / 1000.0,
            (interval.toMillis() - outcome.sinceCheck().toMillis()) / 1000.0,
            format(traffic), format(ended), outcome.state(), outcome.breachReason()));
    Samples toTraffic = series.toTraffic();
    Samples toRollbackEnd = series.toRollbackEnd();
    List<String> lines = series.lines();
    double p50 = toTraffic.median() / 1000;
    double max = toTraffic.max() / 1000;
    return String.format(Locale.ROOT, """
        The demo service (PostgreSQL, router, pipeline) under %d requests/s and Greenlight on its embedded engine in one
        JVM. Each run is a canary rollout of a new version with `src/test/resources/dev/greenlight/bench/%s`: backup, deploy
        through the signed webhook pipeline, smoke test, then 1 %% for one gate interval and 10 %% (ramp), a gate every
        %s reading the canary's own requests of the last five seconds (web metric provider, `/stats/canary`). After the
        ramp stage's first gate check, at a random offset within the interval (seeded, so the fault's phase against
        the gate's schedule varies from run to run), the service's admin API makes the canary fail 30 %% of requests and
        answer 400 ms later. The rollback is the canary runbook's full one: traffic back to stable first, then the
        previous version through the pipeline, the rows written since the backup counted and the database left as it
        was (a rollback never restores by itself), Slack and PagerDuty (local stand-ins). Between runs the fault is switched off and the service is checked to be back on
        stable (router 100/0, canary slot on the stable version); %d of %d runs rolled back.

        Measured, on one clock (the JVM's wall clock): from the fault (recorded by the service when its admin API switched
        it on) to the router at 100 %% stable (recorded by the service when the router's PUT arrived), and to the end of
        the rollback process (timestamp of its completion record in the engine's log). "Next check in" is the interval
        minus the offset: a fault is found at the next check when that check's five-second window already holds
        failing canary requests, else one interval later.

        | run | fault after the check s | next check in s | fault → router 100 %% stable s | fault → rollback ended s | end state | breach |
        |---|---|---|---|---|---|---|
        %s

        | quantity | p50 | p90 | max |
        |---|---|---|---|
        | fault → router 100 %% stable | %.2f s | %.2f s | %.2f s |
        | fault → rollback process ended | %.2f s | %.2f s | %.2f s |

        | target | measured | target | met |
        |---|---|---|---|
        | fault → traffic reverted, p50 | %.2f s | ≤ %.0f s | %s |
        | fault → traffic reverted, max | %.2f s | ≤ %.0f s | %s |

        Raw fault → router 100 %% stable (ms): %s
        Raw fault → rollback ended (ms): %s
        """, DemoStack.REQUESTS_PER_SECOND, BadCanaryRollouts.RUNBOOK, interval, toTraffic.count(), runs,
        String.join("\n", lines),
        p50, toTraffic.percentile(90) / 1000, max,
        toRollbackEnd.median() / 1000, toRollbackEnd.percentile(90) / 1000, toRollbackEnd.max() / 1000,
        p50, TARGET_P50_SECONDS, met(p50 <= TARGET_P50_SECONDS && toTraffic.count() == runs),
        max, TARGET_MAX_SECONDS, met(max <= TARGET_MAX_SECONDS && toTraffic.count() == runs),
        toTraffic.raw("%.0f"), toRollbackEnd.raw("%.0f"));
  }

  static String format(Double seconds) {
    return seconds == null ? "-" : String.format(Locale.ROOT, "%.2f", seconds);
  }

  static String met(boolean met) {
    return met ? "met" : "missed";
  }
}
