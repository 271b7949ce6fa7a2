package dev.greenlight.api.alerts;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.alerts.*}: how Alertmanager proves who it is when it pushes alerts, and how an alert's label
 * becomes an incident's severity.
 *
 * @param tokenSecret name of the secret (see {@link dev.greenlight.secrets.Secrets}) holding the bearer token
 *     Alertmanager sends ({@code http_config.authorization.credentials} of its webhook receiver); unset: alert push is
 *     off
 * @param severityLabel the alert label that says how bad it is, default {@code severity}
 * @param severities label value (any case) → P1..P4, default critical → P1, error → P2, warning → P3, info → P4
 * @param defaultSeverity the severity of an alert whose label is missing or not mapped, default P3
 */
@ConfigurationProperties(prefix = "greenlight.alerts")
public record AlertsProperties(String tokenSecret, String severityLabel, Map<String, String> severities,
    String defaultSeverity) {

  public AlertsProperties {
    severityLabel = severityLabel == null ? "severity" : severityLabel;
    severities = severities == null || severities.isEmpty()
        ? Map.of("critical", "P1", "error", "P2", "warning", "P3", "info", "P4") : Map.copyOf(severities);
    defaultSeverity = defaultSeverity == null ? "P3" : defaultSeverity;
  }

  boolean configured() {
    return tokenSecret != null && !tokenSecret.isBlank();
  }

  /** The incident severity of an alert with this label value (null when the alert has none). */
  String severity(String labelValue) {
    if (labelValue == null) {
      return defaultSeverity;
    }
    return severities.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(labelValue.strip()))
        .map(Map.Entry::getValue).map(value -> value.toUpperCase(Locale.ROOT)).findFirst().orElse(defaultSeverity);
  }
}
