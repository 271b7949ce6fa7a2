package dev.greenlight.integrations.flags;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A flag change as it was confirmed, by the runbook's logical flag names.
 *
 * @param values each flag's value read back after the change
 * @param previous each flag's value before the change (null: it was not set); setting these again rolls back
 * @param confirmedAt when the read-back confirmed the change
 */
public record FlagChange(Map<String, JsonNode> values, Map<String, JsonNode> previous, Instant confirmedAt) {}
