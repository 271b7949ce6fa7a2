package dev.greenlight.spec;

/**
 * Where the service's own reports come from.
 *
 * @param compareStatsUrl feature-flag: a JSON endpoint of the service with the compare mode's statistics so far,
 *     {@code {"total_queries": n, "discrepancies": n, "errors": n, "samples": [{"input", "legacy_result",
 *     "new_result", "match"}]}}; the daily compare report reads it
 */
public record Reports(String compareStatsUrl) {}
