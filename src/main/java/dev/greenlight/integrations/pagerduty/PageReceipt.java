package dev.greenlight.integrations.pagerduty;

/**
 * What PagerDuty did with an event.
 *
 * @param dedupKey the incident's key
 * @param action trigger, acknowledge or resolve
 * @param status PagerDuty's status ({@code success}), or {@code already-sent} when an earlier attempt of the same job
 *     had sent the event and nothing was sent again
 */
public record PageReceipt(String dedupKey, String action, String status) {

  public static final String ALREADY_SENT = "already-sent";
}
