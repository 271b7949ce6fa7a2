package dev.greenlight.integrations.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** The GET every HTTP metric provider makes: an unreachable or too slow source reads as inconclusive. */
public final class HttpMeasurement {

  private HttpMeasurement() {}

  public static CompletableFuture<Measurement> get(HttpClient http, URI uri, Optional<String> authorization,
      String sourceName, Function<HttpResponse<String>, Measurement> reading) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(MetricProviders.QUERY_TIMEOUT)
        .header("Accept", "application/json").GET();
    authorization.ifPresent(value -> request.header("Authorization", value));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .handle((response, error) -> {
          if (error == null) {
            return reading.apply(response);
          }
          Throwable cause = error instanceof CompletionException ? error.getCause() : error;
          if (cause instanceof IOException) {
            return Measurement.inconclusive(sourceName + " at " + uri.getScheme() + "://" + uri.getAuthority()
                + " did not answer: " + cause);
          }
          throw error instanceof CompletionException completion ? completion : new CompletionException(error);
        });
  }

  /** The start of a response body for a message: enough to recognise it, never a whole page. */
  public static String excerpt(String body) {
    String trimmed = body == null ? "" : body.strip();
    return trimmed.length() <= 200 ? trimmed : trimmed.substring(0, 200) + "…";
  }
}
