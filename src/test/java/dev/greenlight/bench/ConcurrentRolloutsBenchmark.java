package dev.greenlight.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Issue #8, benchmark 2: N canary rollouts in their monitoring windows at once on one Greenlight. */
final class ConcurrentRolloutsBenchmark implements Benchmark {

  @Override
  public String name() {
    return "concurrent-rollouts";
  }

  @Override
  public String summary() {
    return "N canary rollouts watching their gates at once: gate lag, CPU, heap, engine throughput (N=1000: p99 < 2 s, < 1 core)";
  }

  @Override
  public Run plan(BenchmarkOptions options) {
    List<Integer> sizes = options.integers("sizes", List.of(100, 500, 1000, 2000));
    Duration interval = options.duration("interval", Duration.ofSeconds(10));
    Duration measure = options.duration("measure", Duration.ofSeconds(120));
    Duration ramp = options.duration("ramp", Duration.ofSeconds(60));
    int probes = options.integer("probes", 10);
    return () -> {
      Map<Integer, RolloutLoad.Figures> results = new LinkedHashMap<>();
      for (int size : sizes) {
        System.out.printf("%nN = %d: ramping in over %s, measuring %s%n", size, ramp, measure);
        RolloutLoad.Figures figures = new RolloutLoad(size, interval, measure, ramp, probes, Map.of()).run();
        results.put(size, figures);
        System.out.print(LoadReport.gateRow("N = " + size, figures) + LoadReport.raw("N = " + size, figures));
      }
      return section(interval, probes, results);
    };
  }

  private static String section(Duration interval, int probes, Map<Integer, RolloutLoad.Figures> results) {
    StringBuilder md = new StringBuilder();
    md.append("""
        Each N gets a fresh Greenlight (server, workers, embedded engine, product settings) in the benchmark's JVM. N canary
        rollouts (distinct services `bench-<i>`, inline specs) are started through `RolloutStarter` spread evenly over the
        ramp; each deploys with `command` releases (`/bin/true`), passes a smoke check and shifts traffic on a stand-in
        router, then enters its monitoring window: one stage of 2 h with gate interval %s and two `web` queries on its own
        path of a stand-in metric source on 127.0.0.1 that answers healthy numbers. Once every rollout's gate has been
        checked, and one interval later, the steady period starts.

        - **Gate lag**: the stand-in records (`System.nanoTime()`) when each rollout's `errorRate` query arrives, i.e. when
          the `check-metrics` handler runs. Lag of check n = arrival(n) − arrival(n−1) − interval, for checks arriving in
          the steady period. The interval timer starts only when the previous check completed, so the check's own time,
          the timer firing late, job activation and the worker executor's queue all count. *Overdue at end*: rollouts whose
          next check had not arrived by the end, although interval had passed since their last one (a stalled gate).
        - **CPU**: `getProcessCpuTime` delta over the steady period ÷ wall time; the stand-ins' threads (server, probe
          starter), measured with `ThreadMXBean`, are split out. Busiest thread pools are listed in the raw lines.
        - **Heap**: used heap after `System.gc()` before and after the steady period; max heap is `-Xmx`.
        - **Engine throughput**: records appended to the engine's log per second (its last log position, one per record);
          `check-metrics` jobs completed per second (the Camunda starter's `camunda.job.invocations` counter).
        - **Job activation** (benchmark 5, see `job-activation`): %d probe instances per second during the steady period.

        """.formatted(interval, probes));
    md.append(LoadReport.gateHeader());
    results.forEach((size, figures) -> md.append(LoadReport.gateRow("N = " + size, figures)));
    md.append("\nRaw:\n\n");
    results.forEach((size, figures) -> md.append(LoadReport.raw("N = " + size, figures)));
    md.append("\nTargets:\n\n");
    RolloutLoad.Figures thousand = results.get(1000);
    if (thousand == null || thousand.failure() != null) {
      md.append("- N = 1000: ").append(thousand == null ? "not run (sizes option)" : "**missed**: " + thousand.failure())
          .append('\n');
    } else {
      md.append(LoadReport.target("N = 1000 gate lag p99", thousand.gateLag().percentile(99) / 1000, "s", 2, true));
      md.append(LoadReport.target("N = 1000 CPU (Greenlight, without stand-ins)", thousand.cores() - thousand.standInCores(),
          "cores", 1, true));
    }
    return md.toString();
  }
}
