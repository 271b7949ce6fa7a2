package dev.greenlight.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.greenlight.time.Stopwatch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The integrations' one HTTP client: {@link HttpClient} (redirects not followed) with JSON through Jackson, for flag
 * APIs, routers, PagerDuty, pipelines, metric sources, smoke checks and URL probes. Every reply carries its status, its
 * body as text and as JSON, and the time it took.
 */
@Component
public final class JsonHttp {

  /** Longest wait for a connection, and for a whole reply unless a caller sets its own request timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final int EXCERPT_LENGTH = 300;

  private final HttpClient http;
  private final ObjectMapper json;
  private final Duration timeout;

  @Autowired
  public JsonHttp(ObjectMapper json) {
    this(HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT).build(), json, DEFAULT_TIMEOUT);
  }

  private JsonHttp(HttpClient http, ObjectMapper json, Duration timeout) {
    this.http = http;
    this.json = json;
    this.timeout = timeout;
  }

  /** The same client with another timeout for its requests. */
  public JsonHttp withTimeout(Duration requestTimeout) {
    return new JsonHttp(http, json, requestTimeout);
  }

  /**
   * What the peer answered.
   *
   * @param status the HTTP status
   * @param body the body as JSON; missing when it is empty or not JSON
   * @param text the body as text
   * @param latency from sending the request to the last byte of the body
   */
  public record Reply(int status, JsonNode body, String text, Duration latency) {

    public boolean successful() {
      return status >= 200 && status < 300;
    }

    /** The reply, or a failure naming the call, the status and the start of the body. */
    public Reply requireSuccess(String call) {
      if (!successful()) {
        throw new IllegalStateException(call + " answered HTTP " + status + ": " + excerpt());
      }
      return this;
    }

    /** The start of the body on one line, for a message: enough to recognise it, never a whole page. */
    public String excerpt() {
      String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
      return oneLine.length() <= EXCERPT_LENGTH ? oneLine : oneLine.substring(0, EXCERPT_LENGTH) + "…";
    }
  }

  /** {@code path} (already encoded) under {@code base}, whether or not {@code base} ends with a slash. */
  public static URI under(URI base, String path) {
    String prefix = base.toString();
    return URI.create((prefix.endsWith("/") ? prefix : prefix + "/") + path);
  }

  /** A request with this client's timeout that asks for JSON. */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
  }

  /** Sends without waiting: completes with the reply, or exceptionally with the client's {@link IOException}. */
  public CompletableFuture<Reply> sendAsync(HttpRequest request) {
    Stopwatch started = Stopwatch.start();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> reply(response, started));
  }

  /**
   * Sends and waits for the reply.
   *
   * @throws IOException when the peer cannot be reached or does not answer in time
   */
  public Reply send(HttpRequest request) throws IOException {
    Stopwatch started = Stopwatch.start();
    try {
      return reply(http.send(request, HttpResponse.BodyHandlers.ofString()), started);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(request.method() + " " + request.uri() + " was interrupted", e);
    }
  }

  /**
   * Sends a JSON body ({@code body} may be null for none) with an optional bearer token.
   *
   * @throws IOException when the peer cannot be reached or does not answer in time
   */
  public Reply send(String method, URI uri, Optional<String> bearerToken, JsonNode body) throws IOException {
    HttpRequest.Builder request = request(uri);
    bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }
    return send(request.build());
  }

  /** {@link #send(String, URI, Optional, JsonNode)} for callers to whom an unreachable peer is a technical failure. */
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

  private Reply reply(HttpResponse<String> response, Stopwatch started) {
    return new Reply(response.statusCode(), parse(response.body()), response.body(), started.elapsed());
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
