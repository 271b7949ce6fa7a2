package dev.greenlight.integrations.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.integrations.metrics.prometheus.PrometheusProvider;
import dev.greenlight.integrations.metrics.web.WebMetricProvider;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.MetricSource;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one place that picks a {@link MetricProvider} for a spec's {@code metrics.provider}. Providers are cheap views
 * over one shared HTTP client, so a provider per gate check costs nothing; secrets are read at that moment.
 */
@Component
public class MetricProviders {

  /** Longest a single query may take; a slower source gives an inconclusive measurement. */
  public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(QUERY_TIMEOUT).build();
  private final ObjectMapper json = new ObjectMapper();
  private final Secrets secrets;

  public MetricProviders(Secrets secrets) {
    this.secrets = secrets;
  }

  public MetricProvider forSource(MetricSource source) {
    if (source.provider() == null) {
      throw new IllegalArgumentException("metrics.provider is missing: use prometheus or web");
    }
    Optional<String> authorization = authorization(source);
    return switch (source.provider()) {
      case PROMETHEUS -> new PrometheusProvider(http, json, source.url(), authorization);
      case WEB -> new WebMetricProvider(http, json, source.url(), authorization);
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
    if (hasText(source.bearerTokenSecret())) {
      return Optional.of("Bearer " + secrets.require(source.bearerTokenSecret()));
    }
    return Optional.empty();
  }

  private static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }
}
