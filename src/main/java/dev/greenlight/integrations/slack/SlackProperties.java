package dev.greenlight.integrations.slack;

import dev.greenlight.integrations.JsonHttp;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.slack.*}: where Slack's Web API is and how an outage is tried again. The first call is made at
 * once (at most {@code callTimeout}); the others go on in the background, so a notification never holds up a
 * rollback. The defaults try five times within about 15 seconds (pauses of 1, 2, 4 and 8 s).
 *
 * @param baseUrl Slack's address, default https://slack.com; methods are called at {@code {baseUrl}/api/{method}}
 * @param attempts calls per message before giving up, default 5
 * @param backoff pause after the first failed call, doubled after each further one, default 1 s
 * @param callTimeout limit of one call, default 2 s
 */
@ConfigurationProperties(prefix = "greenlight.slack")
public record SlackProperties(URI baseUrl, Integer attempts, Duration backoff, Duration callTimeout) {

  public SlackProperties {
    baseUrl = baseUrl == null ? URI.create("https://slack.com") : baseUrl;
    attempts = attempts == null ? 5 : attempts;
    backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
    callTimeout = callTimeout == null ? Duration.ofSeconds(2) : callTimeout;
  }

  /** Prefix of the Web API methods, e.g. {@code https://slack.com/api/}. */
  public String methodsEndpointUrlPrefix() {
    return JsonHttp.under(baseUrl, "api/").toString();
  }
}
