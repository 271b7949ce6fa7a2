package dev.greenlight.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * Issue 21: what a durable engine costs against a throw-away one, on the figures of {@code breach-to-rollback} and
 * {@code concurrent-rollouts}, each run once per mode on a fresh Greenlight (target: at most 10 % worse).
 */
final class DurabilityCostBenchmark implements Benchmark {

  private static final double ALLOWED_COST = 0.10;

  @Override
  public String name() {
    return "durability-cost";
  }

  @Override
  public String summary() {
    return "breach-to-rollback and concurrent-rollouts on a durable engine vs a throw-away one: at most 10 % worse";
  }

  @Override
  public Run plan(BenchmarkOptions options) {
    int runs = options.integer("runs", 10);
    Duration interval = options.duration("interval", Duration.ofSeconds(10));
    int seed = options.integer("seed", 8);
    int size = options.integer("size", 200);
    Duration measure = options.duration("measure", Duration.ofSeconds(120));
    Duration ramp = options.duration("ramp", Duration.ofSeconds(60));
    return () -> {
      Samples[] traffic = new Samples[2];
      RolloutLoad.Figures[] load = new RolloutLoad.Figures[2];
      for (int mode = 0; mode < 2; mode++) {
        boolean durable = mode == 0;
        System.out.printf("%n%s: %d bad canaries%n", label(durable), runs);
        traffic[mode] = BadCanaryRollouts.measure(interval, seed, runs, false, durable,
            BadCanaryRollouts.Outcome::faultInjected, (outcome, toTraffic, ended) -> "").toTraffic();
        System.out.printf("%s: %d canaries watching their gates%n", label(durable), size);
        load[mode] = new RolloutLoad(size, interval, measure, ramp, 0, BenchGreenlight.engine(durable)).run();
        System.out.print(LoadReport.gateRow(label(durable), load[mode]));
      }
      return section(runs, interval, seed, size, measure, traffic, load);
    };
  }

  private static String section(int runs, Duration interval, int seed, int size, Duration measure, Samples[] traffic,
      RolloutLoad.Figures[] load) {
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
        Each mode on a fresh Greenlight in the benchmark's JVM. **Durable**: the engine on a data directory, every
        command answered only once its log entry is on disk (fsync per batch), state snapshots every 5 minutes.
        **Throw-away**: the same engine on a temporary directory without waiting for the disk (the demo's, the tests'
        and the rehearsals' mode). Breach → rollback: %d runs of `breach-to-rollback` (gate every %s, seed %d);
        concurrent rollouts: N = %d of `concurrent-rollouts`, measured over %s without probes.

        | figure | durable | throw-away | durable costs | ≤ 10 %% |
        |---|---|---|---|---|
        """, runs, interval, seed, size, measure));
    md.append(compare("fault → router 100 % stable, p50 (s)", traffic[0].median() / 1000, traffic[1].median() / 1000));
    md.append(compare("fault → router 100 % stable, max (s)", traffic[0].max() / 1000, traffic[1].max() / 1000));
    md.append(compare("N = " + size + " gate lag p50 (ms)", load[0].gateLag().median(), load[1].gateLag().median()));
    md.append(compare("N = " + size + " gate lag p99 (ms)", load[0].gateLag().percentile(99),
        load[1].gateLag().percentile(99)));
    md.append(compare("N = " + size + " CPU (cores)", load[0].cores(), load[1].cores()));
    md.append("\n").append(LoadReport.gateHeader());
    md.append(LoadReport.gateRow("durable", load[0])).append(LoadReport.gateRow("throw-away", load[1]));
    md.append("\nRaw fault → router 100 % stable (ms), durable: ").append(traffic[0].raw("%.0f")).append("; throw-away: ")
        .append(traffic[1].raw("%.0f")).append('\n');
    return md.toString();
  }

  private static String compare(String figure, double durable, double throwAway) {
    double cost = throwAway == 0 ? 0 : (durable - throwAway) / throwAway;
    return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %+.0f %% | %s |%n", figure, durable, throwAway, cost * 100,
        cost <= ALLOWED_COST ? "met" : "**missed**");
  }

  private static String label(boolean durable) {
    return durable ? "durable" : "throw-away";
  }
}
