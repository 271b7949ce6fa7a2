package dev.greenlight.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Issue #8, benchmark 1 with the Alertmanager push path: at the fault, Alertmanager's webhook for the rollout; from
 * the webhook's request to the router at 100 % stable.
 */
final class AlertPushBenchmark implements Benchmark {

  private static final double TARGET_SECONDS = 2;

  @Override
  public String name() {
    return "alert-push";
  }

  @Override
  public String summary() {
    return "Alertmanager webhook at a canary's fault → router 100 % stable: target ≤ 2 s";
  }

  @Override
  public Run plan(BenchmarkOptions options) {
    int runs = options.integer("runs", 20);
    Duration interval = options.duration("interval", Duration.ofSeconds(10));
    int seed = options.integer("seed", 8);
    return () -> run(runs, interval, seed);
  }

  private String run(int runs, Duration interval, int seed) throws Exception {
    BadCanaryRollouts.Series series = BadCanaryRollouts.measure(interval, seed, runs, true, true,
        BadCanaryRollouts.Outcome::webhookSent, (outcome, traffic, ended) -> String.format(Locale.ROOT,
            "| %d | %.2f | %s | %s | %s | %s |", outcome.run(), outcome.sinceCheck().toMillis() / 1000.0,
            BreachToRollbackBenchmark.format(traffic), BreachToRollbackBenchmark.format(ended), outcome.state(),
            outcome.breachReason()));
    Samples toTraffic = series.toTraffic();
    Samples toRollbackEnd = series.toRollbackEnd();
    List<String> lines = series.lines();
    double p50 = toTraffic.median() / 1000;
    double max = toTraffic.max() / 1000;
    return String.format(Locale.ROOT, """
        Same setup as `breach-to-rollback` (demo service under %d requests/s, `%s` with a gate every %s, the fault at a
        random offset after the ramp stage's first check, the full rollback), and at the fault Greenlight receives what
        Alertmanager's webhook receiver sends for a firing alert labelled with the rollout: `POST /api/alerts/alertmanager`
        with the bearer token, payload version 4. The alert publishes message `stage-alert`, which interrupts the
        monitoring window at once; the gate's next scheduled check does not come into it. %d of %d runs rolled back.

        Measured, on one clock: from just before the webhook's request was sent (the benchmark) to the router at 100 %%
        stable (recorded by the service when the router's PUT arrived), and to the end of the rollback process (its
        completion record in the engine's log).

        | run | fault after the check s | webhook → router 100 %% stable s | webhook → rollback ended s | end state | breach |
        |---|---|---|---|---|---|
        %s

        | quantity | p50 | p90 | max |
        |---|---|---|---|
        | webhook → router 100 %% stable | %.3f s | %.3f s | %.3f s |
        | webhook → rollback process ended | %.3f s | %.3f s | %.3f s |

        | target | measured | target | met |
        |---|---|---|---|
        | webhook → traffic reverted, every run (max) | %.3f s | ≤ %.0f s | %s |

        Raw webhook → router 100 %% stable (ms): %s
        Raw webhook → rollback ended (ms): %s
        """, DemoStack.REQUESTS_PER_SECOND, BadCanaryRollouts.RUNBOOK, interval, toTraffic.count(), runs,
        String.join("\n", lines),
        p50, toTraffic.percentile(90) / 1000, max,
        toRollbackEnd.median() / 1000, toRollbackEnd.percentile(90) / 1000, toRollbackEnd.max() / 1000,
        max, TARGET_SECONDS, BreachToRollbackBenchmark.met(max <= TARGET_SECONDS && toTraffic.count() == runs),
        toTraffic.raw("%.0f"), toRollbackEnd.raw("%.0f"));
  }
}
