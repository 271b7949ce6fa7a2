package dev.greenlight.integrations.smoke;

import dev.greenlight.integrations.JsonHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import org.springframework.stereotype.Component;

/**
 * One GET against a service URL: its status and how long it took. An unreachable URL is a technical failure. Used by
 * the tests' smoke-check process only.
 */
@Component
public class UrlProbe {

  private final JsonHttp http;

  public UrlProbe(JsonHttp http) {
    this.http = http;
  }

  public ProbeResult probe(URI url) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(JsonHttp.DEFAULT_TIMEOUT).GET().build();
    try {
      JsonHttp.Reply response = http.send(request);
      return new ProbeResult(response.status(), response.latency().toMillis());
    } catch (IOException failure) {
      throw new IllegalStateException("GET " + url + " failed: " + failure, failure);
    }
  }

  /** @param status HTTP status code @param latencyMillis time to the whole response */
  public record ProbeResult(int status, long latencyMillis) {}
}
