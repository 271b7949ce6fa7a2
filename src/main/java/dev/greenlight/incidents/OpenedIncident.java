package dev.greenlight.incidents;

/**
 * An incident just opened, or found already open for the same alert.
 *
 * @param incidentId its id, for {@code greenlight incident show}
 * @param service the affected service
 * @param severity P1..P4
 * @param runbook the registered runbook it follows, null when it follows the inline runbook of the service's rollout
 * @param alertFingerprint the alert it was opened for, if any
 * @param status {@code opened}; {@code already-open} for an alert an open incident already has; {@code not-opened}
 *     for an alert whose service's runbook cannot page anyone
 * @param reason why it was not opened, and what to fix; null otherwise
 */
public record OpenedIncident(String incidentId, String service, String severity, String runbook,
    String alertFingerprint, String status, String reason) {

  public static final String OPENED = "opened";
  public static final String ALREADY_OPEN = "already-open";
  public static final String NOT_OPENED = "not-opened";
}
