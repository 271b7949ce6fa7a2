package dev.greenlight.integrations.compare;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One query both systems answered, as seed 000's report shows it.
 *
 * @param input what was asked
 * @param legacyResult the legacy system's answer
 * @param newResult the new system's answer
 * @param match whether they agree
 */
public record CompareSample(
    String input,
    @JsonProperty("legacy_result") String legacyResult,
    @JsonProperty("new_result") String newResult,
    boolean match) {}
