package dev.greenlight.integrations.pagerduty;

/**
 * What PagerDuty did with an event.
 *
 * @param dedupKey the incident's key
 * @param action trigger, acknowledge or resolve
 * @param status PagerDuty's status ({@code success}), or {@code already-triggered} when this process had already
 *     triggered the incident and sent nothing again
 */
public record PageReceipt(String dedupKey, String action, String status) {

  public static final String ALREADY_TRIGGERED = "already-triggered";
}
