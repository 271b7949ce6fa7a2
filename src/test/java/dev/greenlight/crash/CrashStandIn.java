package dev.greenlight.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the crash suite's rollouts talk to besides nginx, PostgreSQL and their release commands, on one local HTTP
 * server: each service's health and JSON stats (the web metric source), the compare mode's statistics, the flag admin
 * API, Slack and PagerDuty. It records every request, so the suite counts each side effect as the outside world saw it,
 * and it can hold PagerDuty's answers, so Greenlight is caught in the middle of a rollback.
 */
final class CrashStandIn implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Map<String, Object>> stats = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> flags = new ConcurrentHashMap<>();
  private final AtomicLong compared = new AtomicLong();
  private volatile CountDownLatch pagesHeld = new CountDownLatch(0);
  private final LocalHttpServer server = LocalHttpServer.start(this::handle);

  URI uri(String path) {
    return server.uri(path);
  }

  void stats(String service, Map<String, Object> values) {
    stats.put(service, new ConcurrentHashMap<>(values));
  }

  JsonNode flag(String name) {
    return flags.get(name);
  }

  /** PagerDuty takes events but answers none until {@link #answerPages()}. */
  void holdPages() {
    pagesHeld = new CountDownLatch(1);
  }

  void answerPages() {
    pagesHeld.countDown();
  }

  /** PagerDuty events of the rollout, in order, as JSON. */
  List<JsonNode> pages(String rolloutId) {
    return requests("POST", "/pagerduty").stream().map(request -> parse(request.body()))
        .filter(event -> event.path("dedup_key").asText().contains(rolloutId)).toList();
  }

  /** The messages posted to the service's Slack channel, each as the form Slack received. */
  List<String> slackMessages(String service) {
    return requests("POST", "/slack/api/chat.postMessage").stream().map(RecordedRequest::body)
        .filter(body -> form(body).getOrDefault("channel", "").equals("#" + service)).toList();
  }

  /** Writes of the flag, in order. */
  List<JsonNode> flagWrites(String name) {
    return requests("PUT", "/flags/" + name).stream().map(request -> parse(request.body()).get("value")).toList();
  }

  private List<RecordedRequest> requests(String method, String pathPrefix) {
    return server.requests().stream()
        .filter(request -> request.method().equals(method) && request.path().startsWith(pathPrefix)).toList();
  }

  private Response handle(RecordedRequest request) throws Exception {
    String path = request.path();
    if (path.startsWith("/health")) {
      return Response.json(200, "{\"status\": \"UP\"}");
    }
    if (path.startsWith("/stats/")) {
      Map<String, Object> values = stats.get(path.substring("/stats/".length()));
      return values == null ? Response.text(404, "no stats for " + path) : Response.json(200, JSON.writeValueAsString(values));
    }
    if (path.startsWith("/compare-stats")) {
      // more queries compared at every report, so no two reports' messages read alike
      return Response.json(200, "{\"total_queries\": " + compared.addAndGet(100)
          + ", \"discrepancies\": 0, \"errors\": 0, \"samples\": []}");
    }
    if (path.startsWith("/flags/")) {
      String name = path.substring("/flags/".length());
      if (request.method().equals("PUT")) {
        flags.put(name, JSON.readTree(request.body()).get("value"));
      }
      JsonNode value = flags.get(name);
      return value == null ? Response.json(404, "{}")
          : Response.json(200, JSON.createObjectNode().set("value", value).toString());
    }
    if (path.startsWith("/slack/api/chat.postMessage")) {
      return Response.json(200, "{\"ok\": true, \"channel\": \"C1\", \"ts\": \"1.0\"}");
    }
    if (path.startsWith("/pagerduty/v2/enqueue")) {
      pagesHeld.await(5, TimeUnit.MINUTES);
      return Response.json(202, "{\"status\": \"success\", \"message\": \"Event processed\"}");
    }
    return Response.text(404, "no stand-in for " + request.method() + " " + path);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Not JSON: " + json, e);
    }
  }

  private static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(java.util.stream.Collectors.toMap(
        pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
        pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
        (first, second) -> first));
  }

  @Override
  public void close() {
    answerPages();
    server.close();
  }
}
