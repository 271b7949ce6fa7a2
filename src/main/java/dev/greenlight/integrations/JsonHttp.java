package dev.greenlight.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** JSON over {@link HttpClient} for the HTTP peers (flag APIs, routers, PagerDuty), with an optional bearer token. */
public final class JsonHttp {

  private final HttpClient http;
  private final ObjectMapper json;
  private final Duration timeout;

  public JsonHttp(ObjectMapper json, Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.json = json;
    this.timeout = timeout;
  }

  /** What the peer answered: the status and the body as JSON (missing when empty or not JSON). */
  public record Reply(int status, JsonNode body, String text) {

    public boolean successful() {
      return status >= 200 && status < 300;
    }

    /** The reply, or a failure naming the call, the status and the body. */
    public Reply requireSuccess(String call) {
      if (!successful()) {
        throw new IllegalStateException(call + " answered HTTP " + status + ": " + abbreviated(text));
      }
      return this;
    }

    private static String abbreviated(String text) {
      return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
  }

  /**
   * Sends one request; {@code body} may be null.
   *
   * @throws IOException when the peer cannot be reached or does not answer in time
   */
  public Reply send(String method, URI uri, Optional<String> bearerToken, JsonNode body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), parse(response.body()), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(method + " " + uri + " was interrupted", e);
    }
  }

  /** Like {@link #send} for callers that treat an unreachable peer as a technical failure. */
  public Reply call(String method, URI uri, Optional<String> bearerToken, JsonNode body) {
    try {
      return send(method, uri, bearerToken, body);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + uri + " failed: " + e, e);
    }
  }

  public ObjectMapper json() {
    return json;
  }

  private JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }
}
