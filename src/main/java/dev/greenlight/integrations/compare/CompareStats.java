package dev.greenlight.integrations.compare;

import java.util.List;

/**
 * The compare mode's counts so far, as the service reports them.
 *
 * @param totalQueries queries both systems answered
 * @param discrepancies queries they answered differently
 * @param errors queries the new system failed
 * @param samples example queries with both answers, as the service chose them
 */
public record CompareStats(long totalQueries, long discrepancies, long errors, List<CompareSample> samples) {

  public CompareStats {
    samples = samples == null ? List.of() : List.copyOf(samples);
  }

  /** The samples where the systems disagreed, at most {@code limit} of them. */
  public List<CompareSample> mismatches(int limit) {
    return samples.stream().filter(sample -> !sample.match()).limit(limit).toList();
  }
}
