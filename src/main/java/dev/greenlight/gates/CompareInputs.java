package dev.greenlight.gates;

import dev.greenlight.integrations.compare.CompareStats;
import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.spec.Reports;
import dev.greenlight.spec.RunbookSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 000's compare mode as gate inputs: the discrepancies and the new system's errors the service counts in its
 * compare statistics ({@code reports.compareStatsUrl}). Thresholds and rollback triggers name them like queries
 * ({@code compareDiscrepancies: "<= 0"}); they are counts since compare mode began, less what a person accepted when
 * carrying on after a breach of them.
 */
public final class CompareInputs {

  /** Queries both systems answered differently. */
  public static final String DISCREPANCIES = Reports.COMPARE_DISCREPANCIES;
  /** Queries the new system failed. */
  public static final String ERRORS = Reports.COMPARE_ERRORS;
  /** Both, in the order the gate shows them. */
  public static final List<String> NAMES = Reports.COMPARE_INPUTS;
  /** Samples of disagreement kept with a reading whose compare inputs fail, for the people asked about it. */
  public static final int SAMPLES_KEPT = 10;

  private CompareInputs() {}

  public static boolean isInput(String name) {
    return Reports.isCompareInput(name);
  }

  /** The compare inputs among the names a stage measures. */
  static List<String> among(Set<String> names) {
    return NAMES.stream().filter(names::contains).toList();
  }

  /** The URL the inputs are read from, or a failure saying that the runbook must set it. */
  static String url(RunbookSpec runbook) {
    if (runbook.reports() == null || runbook.reports().compareStatsUrl() == null) {
      throw new IllegalArgumentException(DISCREPANCIES + " and " + ERRORS + " are read from reports.compareStatsUrl,"
          + " which the runbook of " + runbook.service() + " does not set");
    }
    return runbook.reports().compareStatsUrl();
  }

  /** Each input asked for, as a reading of the statistics. */
  static Map<String, Measurement> measurements(List<String> inputs, CompareStats stats) {
    Map<String, Measurement> measured = new LinkedHashMap<>();
    inputs.forEach(input -> measured.put(input,
        Measurement.of(input.equals(DISCREPANCIES) ? stats.discrepancies() : stats.errors())));
    return measured;
  }

  /** Each input asked for, without a number: the statistics could not be read. */
  static Map<String, Measurement> unread(List<String> inputs, String problem) {
    Map<String, Measurement> measured = new LinkedHashMap<>();
    inputs.forEach(input -> measured.put(input, Measurement.inconclusive(problem)));
    return measured;
  }
}
