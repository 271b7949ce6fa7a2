package dev.greenlight.integrations.pagerduty;

import dev.greenlight.integrations.JsonHttp;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.pagerduty.*}: where the Events API v2 is and how an outage is tried again. The first call is made
 * at once (at most {@code timeout}); the others go on in the background (pauses of 1, 2, 4 … s by default, about
 * eight and a half minutes in all), so a page never holds up a rollback.
 *
 * @param baseUrl default https://events.pagerduty.com; events go to {@code {baseUrl}/v2/enqueue}
 * @param attempts calls per event before giving up, default 10
 * @param backoff pause after the first failed call, doubled after each further one, default 1 s
 * @param timeout limit of one call, default 10 s
 */
@ConfigurationProperties(prefix = "greenlight.pagerduty")
public record PagerDutyProperties(URI baseUrl, Integer attempts, Duration backoff, Duration timeout) {

  public PagerDutyProperties {
    baseUrl = baseUrl == null ? URI.create("https://events.pagerduty.com") : baseUrl;
    attempts = attempts == null ? 10 : attempts;
    backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  public URI enqueueUrl() {
    return JsonHttp.under(baseUrl, "v2/enqueue");
  }
}
