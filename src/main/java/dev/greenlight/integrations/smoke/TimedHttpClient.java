package dev.greenlight.integrations.smoke;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/** The one HTTP client of smoke tests and URL probes: sends a request and measures the time to the whole response. */
@Component
public class TimedHttpClient {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  /** Completes with the response, or exceptionally with the client's {@link java.io.IOException}. */
  public CompletableFuture<TimedResponse> send(HttpRequest request) {
    long started = System.nanoTime();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new TimedResponse(
            response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - started)));
  }

  /** @param status HTTP status @param body the body as text @param latency from sending to the last byte of the body */
  public record TimedResponse(int status, String body, Duration latency) {}
}
