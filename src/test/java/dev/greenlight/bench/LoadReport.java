package dev.greenlight.bench;

import java.util.Locale;

/** Markdown pieces both load benchmarks print: one table row per run and the raw numbers below. */
final class LoadReport {

  private LoadReport() {}

  static String gateHeader() {
    return "| run | N in window | gate checks/s | gate lag p50 / p99 / max (ms) | overdue at end | CPU cores (Greenlight + stand-ins) "
        + "| heap after GC start → end / max (MiB) | engine records/s | check-metrics jobs/s | activation p50 / p99 (ms) |\n"
        + "|---|---|---|---|---|---|---|---|---|---|\n";
  }

  static String gateRow(String run, RolloutLoad.Figures f) {
    if (f.failure() != null) {
      return String.format(Locale.ROOT, "| %s | %d of %d | — | — | — | — | %d / %d | — | — | — |%n",
          run, f.inWindow(), f.rollouts(), f.heapEndMiB(), f.maxHeapMiB());
    }
    return String.format(Locale.ROOT,
        "| %s | %d of %d | %.1f | %.0f / %.0f / %.0f | %d (max %.0f ms) | %.2f + %.2f | %d → %d / %d | %.0f | %.1f | %.0f / %.0f |%n",
        run, f.inWindow(), f.rollouts(), f.checksPerSecond(), f.gateLag().median(), f.gateLag().percentile(99),
        f.gateLag().max(), f.overdueAtEnd().count(), f.overdueAtEnd().count() == 0 ? 0 : f.overdueAtEnd().max(),
        f.cores() - f.standInCores(), f.standInCores(), f.heapStartMiB(), f.heapEndMiB(), f.maxHeapMiB(),
        f.recordsPerSecond(), f.checkJobsPerSecond(), f.activation().median(), f.activation().percentile(99));
  }

  static String raw(String run, RolloutLoad.Figures f) {
    StringBuilder raw = new StringBuilder("- " + run + ": ");
    if (f.failure() != null) {
      return raw.append("**failed**: ").append(f.failure()).append('\n').toString();
    }
    raw.append(String.format(Locale.ROOT, "ramp to all in window %.1f s; busiest threads (cores): %s; ",
        f.rampTook().toMillis() / 1000.0, String.join(", ", f.busiestThreads())));
    raw.append(String.format(Locale.ROOT, "gate lag percentiles p10 %.0f, p25 %.0f, p50 %.0f, p75 %.0f, p90 %.0f, "
        + "p99 %.0f, p99.9 %.0f ms over %d checks; job activation %s over %d probes",
        f.gateLag().percentile(10), f.gateLag().percentile(25), f.gateLag().median(), f.gateLag().percentile(75),
        f.gateLag().percentile(90), f.gateLag().percentile(99), f.gateLag().percentile(99.9), f.gateLag().count(),
        f.activation().count() == 0 ? "—" : "min " + (long) f.activation().percentile(0) + ", p90 "
            + (long) f.activation().percentile(90) + ", max " + (long) f.activation().max() + " ms",
        f.activation().count()));
    return raw.append('\n').toString();
  }

  static String target(String what, double measured, String unit, double limit, boolean below) {
    boolean met = !Double.isNaN(measured) && (below ? measured < limit : measured > limit);
    return String.format(Locale.ROOT, "- %s: measured %.2f %s, target %s %s %s — **%s**%n", what, measured, unit,
        below ? "<" : ">", trim(limit), unit, met ? "met" : "missed");
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

}
