package dev.greenlight.api.alerts;

import dev.greenlight.incidents.OpenedIncident;
import java.util.List;
import java.util.Map;

/**
 * What one webhook call did, as Alertmanager's caller (and a person reading its logs) sees it.
 *
 * @param published the {@code stage-alert} messages published, one per rollout and alert
 * @param repeated alerts this rollout was already told about (same fingerprint, message still live): not sent again
 * @param unmatched firing alerts no rollout was found for, with the reason
 * @param incidents the incidents of the firing alerts' services: opened now, or {@code already-open} for an alert
 *     whose incident is still open (same fingerprint); a service Greenlight has no runbook of gets none
 */
public record AlertPush(List<Delivery> published, List<Delivery> repeated, List<Unmatched> unmatched,
    List<OpenedIncident> incidents) {

  /** @param rolloutId the rollout told @param alert the {@code alert} variable it was given */
  public record Delivery(String rolloutId, Map<String, Object> alert) {}

  /** @param alert the alert as it would have been sent @param reason why no rollout got it */
  public record Unmatched(Map<String, Object> alert, String reason) {}
}
