package dev.greenlight.integrations.smoke;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** One GET against a service URL: its status and how long it took. An unreachable URL is a technical failure. */
@Component
public class UrlProbe {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public ProbeResult probe(URI url) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
    long started = System.nanoTime();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      return new ProbeResult(response.statusCode(), Duration.ofNanos(System.nanoTime() - started).toMillis());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("GET " + url + " was interrupted", e);
    }
  }

  /** @param status HTTP status code @param latencyMillis time to the response headers */
  public record ProbeResult(int status, long latencyMillis) {}
}
