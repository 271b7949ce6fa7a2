package dev.greenlight.processes;

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

/**
 * Everything outside Greenlight that a runbook touches, on one local HTTP server, as a process test needs it: the
 * router's weights API, the flag admin API, the service's health and JSON stats (the web metric source), a CI/CD
 * pipeline's trigger, the compare mode's statistics, a Prometheus query API, and Slack and PagerDuty. The test sets
 * the numbers the gate will measure, or how the Prometheus API misbehaves, and reads back what the runbook did.
 */
final class ServiceStandIn implements AutoCloseable {

  /** How {@code /prometheus/api/v1/query} answers. */
  enum PrometheusAnswer {
    /** One sample: the stats' errorRate. */
    SAMPLE,
    /** 200 with an HTML page, as a proxy in front of Prometheus might. */
    GARBAGE,
    /** 500 with Prometheus's error JSON. */
    SERVER_ERROR,
    /** A vector without series. */
    NO_SERIES
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.regex.Pattern END_NOTICE = java.util.regex.Pattern.compile("^Rollout \\S+ of .* ended ");

  private final Map<String, Object> stats = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> flags = new ConcurrentHashMap<>();
  private volatile JsonNode compareStats;
  private volatile JsonNode weights = JSON.createObjectNode().put("stable", 100).put("canary", 0);
  private volatile int healthStatus = 200;
  private volatile PrometheusAnswer prometheusAnswer = PrometheusAnswer.SAMPLE;
  private volatile boolean ignoreNextChange;
  private volatile boolean notificationsDown;
  private volatile int firstRequestOfTest;
  private final LocalHttpServer server;

  ServiceStandIn() {
    healthy();
    compareStats(1200, 0, 0);
    server = LocalHttpServer.start(this::handle);
  }

  URI uri(String path) {
    return server.uri(path);
  }

  /** Back to a healthy service with stable taking all traffic. */
  void reset() {
    healthy();
    healthStatus = 200;
    prometheusAnswer = PrometheusAnswer.SAMPLE;
    flags.clear();
    compareStats(1200, 0, 0);
    weights = JSON.createObjectNode().put("stable", 100).put("canary", 0);
    ignoreNextChange = false;
    notificationsDown = false;
    firstRequestOfTest = server.requests().size();
  }

  /** The next traffic or flag change is answered as taken but not made: it reads back as before. */
  void ignoreNextChange() {
    ignoreNextChange = true;
  }

  /** Slack and PagerDuty answer 503, as when they are down behind their load balancers. */
  void notificationsDown(boolean down) {
    notificationsDown = down;
  }

  /** Every request of every test so far. */
  List<RecordedRequest> allRequests() {
    return server.requests();
  }

  /**
   * The last text the rollout's own steps posted to Slack in the current test. Greenlight's notice of how the rollout
   * ended goes out in the background and may come before or after it.
   */
  String lastStepMessage() {
    return slackMessages().stream().filter(text -> !END_NOTICE.matcher(text).find()).reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("Nothing was posted to Slack in this test"));
  }

  /** The PagerDuty events of the current test, as JSON. */
  List<JsonNode> pages() {
    return requests("POST", "/pagerduty/v2/enqueue").stream().map(request -> {
      try {
        return JSON.readTree(request.body());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
  }

  /** Stats within every threshold of the test runbooks. */
  void healthy() {
    stats.put("errorRate", 0.0005);
    stats.put("p99", 0.05);
    stats.put("matchRate", 0.99);
    stats.put("discrepancies", 0);
    stats.put("queueDepth", 12);
  }

  /** What {@code /compare-stats} answers: the compare mode's queries so far, the discrepancies and errors among them. */
  void compareStats(long totalQueries, long discrepancies, long errors) {
    compareStats = JSON.createObjectNode().put("total_queries", totalQueries).put("discrepancies", discrepancies)
        .put("errors", errors).set("samples", JSON.createArrayNode().add(JSON.createObjectNode()
            .put("input", "escalera mecánica").put("legacy_result", "tariff-b").put("new_result", "tariff-b")
            .put("match", true)));
  }

  /** Compare statistics with discrepancies and errors, the first discrepancy shown as a sample where they disagree. */
  void compareStatsDisagreeing(long totalQueries, long discrepancies, long errors) {
    compareStats(totalQueries, discrepancies, errors);
    ((com.fasterxml.jackson.databind.node.ArrayNode) compareStats.get("samples")).add(JSON.createObjectNode()
        .put("input", "escalera").put("legacy_result", "T3 (180€)").put("new_result", "T2 (230€)")
        .put("match", false));
  }

  void set(String stat, Object value) {
    stats.put(stat, value);
  }

  void prometheusAnswers(PrometheusAnswer answer) {
    prometheusAnswer = answer;
  }

  void failHealthChecks() {
    healthStatus = 503;
  }

  int canaryWeight() {
    return weights.get("canary").asInt();
  }

  JsonNode flag(String name) {
    return flags.get(name);
  }

  void flag(String name, boolean value) {
    flags.put(name, JSON.getNodeFactory().booleanNode(value));
  }

  /** Requests of the current test (since the last reset) with this method and path prefix. */
  List<RecordedRequest> requests(String method, String pathPrefix) {
    List<RecordedRequest> all = server.requests();
    return all.subList(firstRequestOfTest, all.size()).stream()
        .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
        .toList();
  }

  /** The texts posted to Slack in the current test, in order (chat.postMessage is form-encoded). */
  List<String> slackMessages() {
    return requests("POST", "/slack/api/chat.postMessage").stream()
        .flatMap(request -> Arrays.stream(request.body().split("&")))
        .filter(field -> field.startsWith("text="))
        .map(field -> URLDecoder.decode(field.substring("text=".length()), StandardCharsets.UTF_8))
        .toList();
  }

  private synchronized boolean changeIgnored() {
    boolean ignored = ignoreNextChange;
    ignoreNextChange = false;
    return ignored;
  }

  private Response handle(RecordedRequest request) throws Exception {
    String path = request.path();
    if (path.startsWith("/router/weights")) {
      if (request.method().equals("PUT") && !changeIgnored()) {
        weights = JSON.readTree(request.body());
      }
      return Response.json(200, weights.toString());
    }
    if (path.startsWith("/flags/")) {
      String name = path.substring("/flags/".length());
      if (request.method().equals("PUT")) {
        if (changeIgnored()) {
          return Response.json(200, request.body());
        }
        flags.put(name, JSON.readTree(request.body()).get("value"));
      }
      JsonNode value = flags.get(name);
      return value == null ? Response.json(404, "{}") : Response.json(200, JSON.createObjectNode().set("value", value).toString());
    }
    if (path.startsWith("/health")) {
      return Response.json(healthStatus, "{\"status\": \"" + (healthStatus == 200 ? "UP" : "DOWN") + "\"}");
    }
    if (path.startsWith("/compare-stats")) {
      return Response.json(200, compareStats.toString());
    }
    if (path.startsWith("/prometheus/api/v1/query")) {
      return prometheus();
    }
    if (path.startsWith("/stats")) {
      return Response.json(200, JSON.writeValueAsString(stats));
    }
    if (notificationsDown && (path.startsWith("/slack") || path.startsWith("/pagerduty"))) {
      return Response.text(503, "no healthy upstream");
    }
    if (path.startsWith("/slack/api/chat.postMessage")) {
      return Response.json(200, "{\"ok\": true, \"channel\": \"C1\", \"ts\": \"1.0\"}");
    }
    if (path.startsWith("/pipeline")) {
      return Response.json(202, "{\"queued\": true}");
    }
    if (path.startsWith("/pagerduty/v2/enqueue")) {
      return Response.json(202, "{\"status\": \"success\", \"message\": \"Event processed\"}");
    }
    return Response.text(404, "no stand-in for " + request.method() + " " + path);
  }

  private Response prometheus() {
    return switch (prometheusAnswer) {
      case SAMPLE -> Response.json(200, "{\"status\": \"success\", \"data\": {\"resultType\": \"vector\", \"result\":"
          + " [{\"metric\": {}, \"value\": [1700000000, \"" + stats.get("errorRate") + "\"]}]}}");
      case GARBAGE -> new Response(200, "text/html", "<html><body>Sign in to continue</body></html>");
      case SERVER_ERROR -> Response.json(500, "{\"status\": \"error\", \"errorType\": \"internal\", \"error\":"
          + " \"query processing would load too many samples into memory\"}");
      case NO_SERIES -> Response.json(200, "{\"status\": \"success\", \"data\": {\"resultType\": \"vector\","
          + " \"result\": []}}");
    };
  }

  @Override
  public void close() {
    server.close();
  }
}
