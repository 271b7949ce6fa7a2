package dev.greenlight.incidents;

/**
 * What opening an incident by hand takes ({@code POST /api/incidents}, {@code greenlight incident open}).
 *
 * @param service the affected service, known to Greenlight by a registered runbook or a rollout
 * @param runbook the registered runbook to follow, when the service has several; optional
 * @param severity P1, P2, P3 or P4
 * @param summary what is happening, one line for the page
 * @param rolloutId the rollout it is about; optional: by default the service's active rollout, else its most recent
 */
public record IncidentRequest(String service, String runbook, String severity, String summary, String rolloutId) {}
