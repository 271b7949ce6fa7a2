package dev.greenlight.api.alerts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.alerts.*}: how Alertmanager proves who it is when it pushes alerts.
 *
 * @param tokenSecret name of the secret (see {@link dev.greenlight.secrets.Secrets}) holding the bearer token
 *     Alertmanager sends ({@code http_config.authorization.credentials} of its webhook receiver); unset: alert push is
 *     off
 */
@ConfigurationProperties(prefix = "greenlight.alerts")
public record AlertsProperties(String tokenSecret) {

  boolean configured() {
    return tokenSecret != null && !tokenSecret.isBlank();
  }
}
