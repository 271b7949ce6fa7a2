package dev.greenlight.incidents;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rollout an incident is linked to, with what a rollback of it needs.
 *
 * @param rolloutId the rollout
 * @param version the version it rolled out
 * @param previousVersion the version live before it, which a rollback returns to; null when it recorded none
 * @param backup the database backup it took, null when none
 */
public record RolloutLink(String rolloutId, String version, String previousVersion, JsonNode backup) {}
