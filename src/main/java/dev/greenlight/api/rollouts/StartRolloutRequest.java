package dev.greenlight.api.rollouts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/rollouts}: a registered runbook or an inline spec (object or YAML text), and the release.
 *
 * @param runbook name of a registered runbook
 * @param spec an inline runbook spec
 * @param version the version to roll out
 * @param ticket the change ticket, optional
 */
public record StartRolloutRequest(String runbook, JsonNode spec, String version, String ticket) {}
