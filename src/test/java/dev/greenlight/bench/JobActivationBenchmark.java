package dev.greenlight.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue #8, benchmark 5: job created → worker handler entered, under the load of benchmark 2, for each client setting
 * compared (the product's configuration, and the alternatives).
 */
final class JobActivationBenchmark implements Benchmark {

  /** Client settings to compare, on top of the product's {@code application.yaml}. */
  static final Map<String, Map<String, String>> VARIANTS = new TreeMap<>(Map.of(
      "configured", Map.of(),
      "polling", Map.of("camunda.client.worker.defaults.stream-enabled", "false"),
      "one-thread", Map.of("camunda.client.execution-threads", "1")));

  @Override
  public String name() {
    return "job-activation";
  }

  @Override
  public String summary() {
    return "job created → handler entered under the load of concurrent-rollouts, per client setting (p99 < 50 ms)";
  }

  @Override
  public Run plan(BenchmarkOptions options) {
    int size = options.integer("size", 1000);
    Duration interval = options.duration("interval", Duration.ofSeconds(10));
    Duration measure = options.duration("measure", Duration.ofSeconds(120));
    Duration ramp = options.duration("ramp", Duration.ofSeconds(60));
    int probes = options.integer("probes", 20);
    List<String> variants = options.words("variants", List.of("polling", "configured"));
    variants.stream().filter(variant -> !VARIANTS.containsKey(variant)).findFirst().ifPresent(variant -> {
      throw new IllegalArgumentException("Unknown variant '" + variant + "'; choose from " + VARIANTS.keySet());
    });
    return () -> {
      Map<String, RolloutLoad.Figures> results = new LinkedHashMap<>();
      for (String variant : variants) {
        System.out.printf("%nVariant %s %s: %d rollouts, %d probes/s%n", variant, VARIANTS.get(variant), size, probes);
        RolloutLoad.Figures figures = new RolloutLoad(size, interval, measure, ramp, probes, VARIANTS.get(variant)).run();
        results.put(variant, figures);
        System.out.print(LoadReport.gateRow(variant, figures) + LoadReport.raw(variant, figures));
      }
      return section(size, probes, results);
    };
  }

  private static String section(int size, int probes, Map<String, RolloutLoad.Figures> results) {
    StringBuilder md = new StringBuilder();
    md.append("""
        Under the load of `concurrent-rollouts` (N = %d, same set-up, fresh Greenlight per variant), %d instances per second
        of a bench-only probe process are started during the steady period. Its one service task (`bench-probe`) maps
        FEEL `now()` into `createdAt`: the engine evaluates the input mapping in the same processing step that creates the
        job, and `now()` is the engine clock (the system clock, millisecond precision, without time travel). A
        bench-only `@JobWorker` on Greenlight's own client (same executor as the real workers) notes `Instant.now()` as
        its first statement. **Latency = handler entered − createdAt**, both on this machine's clock, so it includes the
        engine making the job available, the client activating it (poll or stream), and the wait in the executor queue.

        Variants (on top of `application.yaml`): %s.

        """.formatted(size, probes, VARIANTS));
    md.append(LoadReport.gateHeader());
    results.forEach((variant, figures) -> md.append(LoadReport.gateRow(variant, figures)));
    md.append("\nRaw:\n\n");
    results.forEach((variant, figures) -> md.append(LoadReport.raw(variant, figures)));
    md.append("\nTargets:\n\n");
    results.forEach((variant, figures) -> md.append(figures.failure() != null
        ? "- " + variant + ": **missed**: " + figures.failure() + "\n"
        : LoadReport.target(variant + ": job activation p99", figures.activation().percentile(99), "ms", 50, true)));
    return md.toString();
  }
}
