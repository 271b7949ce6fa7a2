package dev.greenlight.integrations.compare;

/**
 * The service's compare-mode statistics ({@code reports.compareStatsUrl}): what both systems answered so far and where
 * they disagreed. The daily compare report and the compare gate inputs read them.
 */
public interface CompareStatistics {

  /** The statistics now; fails saying what the service answered when they cannot be read. */
  CompareStats read(String url);
}
