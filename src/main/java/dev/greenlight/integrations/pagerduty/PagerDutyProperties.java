package dev.greenlight.integrations.pagerduty;

import dev.greenlight.integrations.JsonHttp;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.pagerduty.*}: where the Events API v2 is and how long an outage is retried before the job fails.
 *
 * @param baseUrl default https://events.pagerduty.com; events go to {@code {baseUrl}/v2/enqueue}
 * @param attempts calls per event before the job fails, default 4
 * @param backoff pause after the first failed call, doubled after each further one, default 1 s
 * @param timeout limit of one call, default 10 s
 */
@ConfigurationProperties(prefix = "greenlight.pagerduty")
public record PagerDutyProperties(URI baseUrl, Integer attempts, Duration backoff, Duration timeout) {

  public PagerDutyProperties {
    baseUrl = baseUrl == null ? URI.create("https://events.pagerduty.com") : baseUrl;
    attempts = attempts == null ? 4 : attempts;
    backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  public URI enqueueUrl() {
    return JsonHttp.under(baseUrl, "v2/enqueue");
  }
}
