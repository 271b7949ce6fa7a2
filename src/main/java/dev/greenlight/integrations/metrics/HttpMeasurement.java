package dev.greenlight.integrations.metrics;

import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.JsonHttp.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** The GET every HTTP metric provider makes: an unreachable or too slow source reads as inconclusive. */
public final class HttpMeasurement {

  private HttpMeasurement() {}

  public static CompletableFuture<Measurement> get(JsonHttp http, URI uri, Optional<String> authorization,
      String sourceName, Function<Reply, Measurement> reading) {
    HttpRequest.Builder request = http.request(uri).timeout(MetricProviders.QUERY_TIMEOUT).GET();
    authorization.ifPresent(value -> request.header("Authorization", value));
    return http.sendAsync(request.build())
        .handle((reply, error) -> {
          if (error == null) {
            return reading.apply(reply);
          }
          Throwable cause = error instanceof CompletionException ? error.getCause() : error;
          if (cause instanceof IOException) {
            return Measurement.inconclusive(sourceName + " at " + uri.getScheme() + "://" + uri.getAuthority()
                + " did not answer: " + cause);
          }
          throw error instanceof CompletionException completion ? completion : new CompletionException(error);
        });
  }
}
