package dev.greenlight.integrations.smoke;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/** One GET against a service URL: its status and how long it took. An unreachable URL is a technical failure. */
@Component
public class UrlProbe {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final TimedHttpClient http;

  public UrlProbe(TimedHttpClient http) {
    this.http = http;
  }

  public ProbeResult probe(URI url) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
    try {
      TimedHttpClient.TimedResponse response = http.send(request).join();
      return new ProbeResult(response.status(), response.latency().toMillis());
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException failure) {
        throw new IllegalStateException("GET " + url + " failed: " + failure, failure);
      }
      throw e;
    }
  }

  /** @param status HTTP status code @param latencyMillis time to the whole response */
  public record ProbeResult(int status, long latencyMillis) {}
}
