package dev.greenlight.spec;

import java.util.List;

/**
 * Where the service's own reports come from.
 *
 * @param compareStatsUrl feature-flag: a JSON endpoint of the service with the compare mode's statistics so far,
 *     {@code {"total_queries": n, "discrepancies": n, "errors": n, "samples": [{"input", "legacy_result",
 *     "new_result", "match"}]}}; the daily compare report reads it, and so do gates whose thresholds or rollback
 *     triggers name {@link #COMPARE_DISCREPANCIES} or {@link #COMPARE_ERRORS}
 */
public record Reports(String compareStatsUrl) {

  /** Gate input: the queries both systems answered differently, from {@code compareStatsUrl}. */
  public static final String COMPARE_DISCREPANCIES = "compareDiscrepancies";
  /** Gate input: the queries the new system failed, from {@code compareStatsUrl}. */
  public static final String COMPARE_ERRORS = "compareErrors";
  /** Both, in the order the gate shows them. */
  public static final List<String> COMPARE_INPUTS = List.of(COMPARE_DISCREPANCIES, COMPARE_ERRORS);

  /** Whether a threshold's or trigger's name is a compare input rather than a metric query. */
  public static boolean isCompareInput(String name) {
    return COMPARE_INPUTS.contains(name);
  }
}
