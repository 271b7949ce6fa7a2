package dev.greenlight.demo.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compare mode's record (seed 000): every query answered by both systems, the discrepancies, the new system's errors
 * and a bounded set of samples, mismatches first. Served at {@code /compare-stats} in the report's shape.
 */
final class CompareLog {

  private static final int SAMPLE_LIMIT = 10;

  private long total;
  private long discrepancies;
  private long errors;
  private final List<Map<String, Object>> samples = new ArrayList<>();

  /** Records one comparison; returns whether the systems disagreed. */
  synchronized boolean record(String input, String legacyResult, String newResult) {
    total++;
    boolean match = Objects.equals(legacyResult, newResult);
    if (!match) {
      discrepancies++;
    }
    if (!match || samples.size() < SAMPLE_LIMIT) {
      if (samples.size() == SAMPLE_LIMIT) {
        samples.stream().filter(sample -> (boolean) sample.get("match")).findFirst().ifPresent(samples::remove);
      }
      if (samples.size() < SAMPLE_LIMIT) {
        samples.add(Map.of("input", input, "legacy_result", String.valueOf(legacyResult),
            "new_result", String.valueOf(newResult), "match", match));
      }
    }
    return !match;
  }

  synchronized void recordError() {
    total++;
    errors++;
  }

  synchronized Map<String, Object> stats() {
    return Map.of("total_queries", total, "discrepancies", discrepancies, "errors", errors,
        "samples", List.copyOf(samples));
  }
}
