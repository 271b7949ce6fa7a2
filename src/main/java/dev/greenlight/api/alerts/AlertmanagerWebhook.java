package dev.greenlight.api.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook payload (version 4): one notification of an alert group. Fields Greenlight does not use
 * ({@code groupLabels}, {@code commonLabels}, {@code externalURL}, …) are ignored.
 *
 * @param version payload version, "4"
 * @param status firing when any alert of the group fires, else resolved
 * @param receiver the receiver's name in Alertmanager's configuration
 * @param groupKey the group the alerts belong to
 * @param alerts the group's alerts, firing and resolved
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerWebhook(String version, String status, String receiver, String groupKey, List<Alert> alerts) {

  /**
   * @param status firing or resolved
   * @param labels identify the alert: {@code alertname}, {@code severity}, and here {@code rollout} or {@code service}
   * @param annotations for people: {@code summary}, {@code description}
   * @param startsAt when it started firing
   * @param endsAt when it resolved (a time in the past), or the zero time while firing
   * @param generatorURL the alert's source, e.g. the Prometheus graph
   * @param fingerprint identifies the alert across notifications, so repeats are recognised
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
      String endsAt, String generatorURL, String fingerprint) {

    boolean isFiring() {
      return "firing".equals(status);
    }

    String label(String name) {
      return labels == null ? null : labels.get(name);
    }
  }
}
