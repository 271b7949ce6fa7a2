package dev.greenlight.integrations.pagerduty;

/**
 * What PagerDuty did with an event.
 *
 * @param dedupKey the incident's key
 * @param action trigger, acknowledge or resolve
 * @param status PagerDuty's status ({@code success}); {@code already-sent} when an earlier attempt of the same job had
 *     sent the event and nothing was sent again; {@code already-triggered} when this process had already triggered the
 *     incident and sent nothing again; {@code not configured: ...} when the runbook has no
 *     {@code notifications.pagerDuty} (the section is optional; nothing was sent); or {@code retrying} when PagerDuty
 *     did not take the event at once and it is tried again in the background
 */
public record PageReceipt(String dedupKey, String action, String status) {

  public static final String ALREADY_SENT = "already-sent";
  public static final String ALREADY_TRIGGERED = "already-triggered";
  public static final String NOT_CONFIGURED = "not configured: the runbook has no notifications.pagerDuty";
  public static final String RETRYING = "retrying";
}
