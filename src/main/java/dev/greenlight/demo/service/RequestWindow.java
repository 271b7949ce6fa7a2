package dev.greenlight.demo.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The requests of the last few seconds, for the JSON stats the web metric provider reads. A short window makes a
 * fault show up within one gate interval. An empty window reports no errors and no latency: nothing failed.
 */
final class RequestWindow {

  /** One served request. */
  record Served(long atNanos, Slot slot, int status, long latencyNanos, boolean discrepancy, boolean found) {}

  private final Duration length;
  private final LongSupplier nanoTime;
  private final Deque<Served> requests = new ArrayDeque<>();

  RequestWindow(Duration length, LongSupplier nanoTime) {
    this.length = length;
    this.nanoTime = nanoTime;
  }

  synchronized void add(Served served) {
    requests.addLast(served);
    prune();
  }

  /** errorRate, p95 and p99 (seconds), discrepancies, matchAccuracy and requests, of one slot or (null) all. */
  synchronized Map<String, Object> stats(Slot slot) {
    prune();
    long count = 0;
    long errors = 0;
    long discrepancies = 0;
    long found = 0;
    long[] latencies = new long[requests.size()];
    for (Served served : requests) {
      if (slot != null && served.slot() != slot) {
        continue;
      }
      latencies[(int) count++] = served.latencyNanos();
      errors += served.status() >= 500 ? 1 : 0;
      discrepancies += served.discrepancy() ? 1 : 0;
      found += served.found() ? 1 : 0;
    }
    long[] sorted = Arrays.copyOf(latencies, (int) count);
    Arrays.sort(sorted);
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("window", length.toString());
    stats.put("requests", count);
    stats.put("errorRate", count == 0 ? 0.0 : (double) errors / count);
    stats.put("p95", seconds(quantile(sorted, 0.95)));
    stats.put("p99", seconds(quantile(sorted, 0.99)));
    stats.put("discrepancies", discrepancies);
    stats.put("matchAccuracy", count == 0 ? 1.0 : (double) found / count);
    return stats;
  }

  private static long quantile(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private void prune() {
    long oldest = nanoTime.getAsLong() - length.toNanos();
    while (!requests.isEmpty() && requests.peekFirst().atNanos() < oldest) {
      requests.removeFirst();
    }
  }
}
