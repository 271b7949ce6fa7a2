package dev.greenlight.integrations.metrics;

import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.metrics.prometheus.PrometheusProvider;
import dev.greenlight.integrations.metrics.web.WebMetricProvider;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.MetricSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one place that picks a {@link MetricProvider} for a spec's {@code metrics.provider}. Providers are cheap views
 * over the shared {@link JsonHttp} client, so a provider per gate check costs nothing; secrets are read at that moment.
 */
@Component
public class MetricProviders {

  /** Longest a single query may take; a slower source gives an inconclusive measurement. */
  public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

  private final JsonHttp http;
  private final Secrets secrets;

  public MetricProviders(JsonHttp http, Secrets secrets) {
    this.http = http;
    this.secrets = secrets;
  }

  public MetricProvider forSource(MetricSource source) {
    if (source.provider() == null) {
      throw new IllegalArgumentException("metrics.provider is missing: use prometheus or web");
    }
    Optional<String> authorization = authorization(source);
    return switch (source.provider()) {
      case PROMETHEUS -> new PrometheusProvider(http, source.url(), authorization);
      case WEB -> new WebMetricProvider(http, source.url(), authorization);
    };
  }

  /** Basic auth when a username secret is named, else a bearer token when one is named, else none. */
  private Optional<String> authorization(MetricSource source) {
    if (hasText(source.usernameSecret())) {
      if (!hasText(source.passwordSecret())) {
        throw new IllegalArgumentException(
            "metrics.passwordSecret is missing: basic auth needs both usernameSecret and passwordSecret");
      }
      String credentials = secrets.require(source.usernameSecret()) + ":" + secrets.require(source.passwordSecret());
      return Optional.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return secrets.requireIfNamed(source.bearerTokenSecret()).map(token -> "Bearer " + token);
  }

  private static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }
}
