package dev.greenlight.demo.service;

import static dev.greenlight.demo.service.HttpExchanges.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.greenlight.integrations.release.webhook.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bundled demo service: a small element-catalog API with everything a runbook touches, talked to by Greenlight's
 * integrations exactly as a production service would be. {@code greenlight demo} runs it on 127.0.0.1 with its own
 * PostgreSQL; {@code greenlight demo-service} runs it alone, e.g. in docker-compose.
 * <ul>
 *   <li>{@code GET /api/elements?q=ladder}: the business endpoint, through the router to the stable or canary version;
 *       the flags choose the legacy or the new system, or compare mode (both run, legacy answers, discrepancies are
 *       counted and sampled)</li>
 *   <li>{@code GET|PUT /router/weights}: the router's weights, {@code {"stable": 90, "canary": 10}}</li>
 *   <li>{@code GET|PUT /flags/{name}}: the flag admin API, {@code {"value": true}}</li>
 *   <li>{@code POST /pipeline/{stable|canary}}: the CI/CD pipeline's signed webhook</li>
 *   <li>{@code GET /health}, {@code GET /metrics} (Prometheus), {@code GET /stats[/stable|/canary]} (the last five
 *       seconds as JSON), {@code GET /compare-stats} (compare mode so far)</li>
 *   <li>{@code PUT /admin/faults}: makes the canary's version fail and slow down, {@code {"errorRate": 0.3,
 *       "addedLatencyMs": 400}}</li>
 * </ul>
 */
public final class DemoService implements AutoCloseable {

  static final Duration STATS_WINDOW = Duration.ofSeconds(5);

  private final CatalogDatabase database;
  private final HttpServer server;
  private final ExecutorService workers;
  private final Clock clock;
  private final TrafficSplit traffic = new TrafficSplit();
  private final FlagBoard flags = new FlagBoard();
  private final CompareLog compareLog = new CompareLog();
  private final ServiceMetrics metrics = new ServiceMetrics();
  private final DatabaseStatistics databaseStatistics;
  private final RequestWindow window = new RequestWindow(STATS_WINDOW, System::nanoTime);
  private final Releases releases;
  private final ElementLookup lookup;
  private final ReleasePipeline pipeline;

  private DemoService(CatalogDatabase database, InetSocketAddress address, String stableVersion,
      String pipelineSecret, Clock clock) throws IOException {
    this.database = database;
    this.clock = clock;
    this.releases = new Releases(stableVersion);
    this.lookup = new ElementLookup(database);
    this.databaseStatistics = new DatabaseStatistics(database);
    this.pipeline = new ReleasePipeline(releases, pipelineSecret);
    this.traffic.set(100, 0, clock.instant());
    this.workers = Executors.newFixedThreadPool(8, Thread.ofPlatform().name("demo-service-", 0).daemon().factory());
    this.server = HttpServer.create(address, 64);
    server.setExecutor(workers);
    server.createContext("/", this::route);
    server.start();
  }

  /**
   * Starts the database and the service.
   *
   * @param stableVersion the version live before any rollout
   * @param databasePassword password of the service's database user
   * @param pipelineSecret the secret the pipeline and Greenlight sign webhooks with
   */
  public static DemoService start(String stableVersion, String databasePassword, String pipelineSecret, Clock clock) {
    return start(CatalogDatabase.embedded(databasePassword), new InetSocketAddress("127.0.0.1", 0), stableVersion,
        pipelineSecret, clock);
  }

  /**
   * Starts the service on a database already started; closing the service closes the database.
   *
   * @param address where the HTTP server listens (port 0: a free one)
   */
  public static DemoService start(CatalogDatabase database, InetSocketAddress address, String stableVersion,
      String pipelineSecret, Clock clock) {
    try {
      return new DemoService(database, address, stableVersion, pipelineSecret, clock);
    } catch (IOException e) {
      try {
        database.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw new UncheckedIOException("Starting the demo service's HTTP server on " + address + " failed: "
          + e.getMessage(), e);
    }
  }

  /** An address of the service on this machine: the bound one, or loopback when bound to every interface. */
  public URI uri(String path) {
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + path);
  }

  public String jdbcUrl() {
    return database.jdbcUrl();
  }

  public TrafficSplit traffic() {
    return traffic;
  }

  public Releases releases() {
    return releases;
  }

  public String version(Slot slot) {
    return releases.version(slot);
  }

  public Map<String, Object> stats(Slot slot) {
    return window.stats(slot);
  }

  public Map<String, Object> compareStats() {
    return compareLog.stats();
  }

  private void route(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        answer(exchange);
      } catch (IllegalArgumentException | JsonProcessingException e) {
        json(exchange, 400, Map.of("message", e.getMessage()));
      }
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (path.equals("/api/elements") && method.equals("GET")) {
      serve(exchange);
    } else if (path.equals("/router/weights")) {
      weights(exchange, method);
    } else if (path.startsWith("/flags/") && path.length() > "/flags/".length()) {
      flag(exchange, method, path.substring("/flags/".length()));
    } else if (path.startsWith("/pipeline/") && method.equals("POST")) {
      trigger(exchange, path.substring("/pipeline/".length()));
    } else if (path.equals("/health")) {
      json(exchange, 200, Map.of("status", "UP", "stable", version(Slot.STABLE), "canary", version(Slot.CANARY)));
    } else if (path.equals("/metrics")) {
      HttpExchanges.text(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape(databaseStatistics.read()));
    } else if (path.equals("/stats")) {
      json(exchange, 200, window.stats(null));
    } else if (path.startsWith("/stats/")) {
      json(exchange, 200, window.stats(Slot.parse(path.substring("/stats/".length()))));
    } else if (path.equals("/compare-stats")) {
      json(exchange, 200, compareLog.stats());
    } else if (path.equals("/admin/faults") && method.equals("PUT")) {
      injectFault(exchange);
    } else {
      json(exchange, 404, Map.of("message", "no " + method + " " + path + " on the demo service"));
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    Slot slot = traffic.pick();
    String version = releases.version(slot);
    String input = HttpExchanges.query(exchange).getOrDefault("q", "");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("input", input);
    answer.put("version", version);
    int status = 200;
    boolean discrepancy = false;
    String category = null;
    try {
      var fault = releases.faultOf(version);
      if (fault.isPresent()) {
        Thread.sleep(fault.get().addedLatency());
      }
      if (fault.isPresent() && ThreadLocalRandom.current().nextDouble() < fault.get().errorRate()) {
        throw new IllegalStateException("injected fault in " + version);
      }
      if (flags.on(FlagBoard.COMPARE_MODE)) {
        category = lookup.legacy(input);
        answer.put("system", "legacy, compared");
        discrepancy = compare(input, category);
      } else if (flags.on(FlagBoard.USE_NEW_SYSTEM)) {
        category = lookup.newSystem(input);
        answer.put("system", "new");
      } else {
        category = lookup.legacy(input);
        answer.put("system", "legacy");
      }
      answer.put("category", category);
      metrics.lookedUp(version, category);
    } catch (SQLException | IllegalStateException e) {
      status = 500;
      answer.put("error", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 503;
      answer.put("error", "shutting down");
    }
    json(exchange, status, answer);
    long latency = System.nanoTime() - started;
    metrics.served(version, status, Duration.ofNanos(latency));
    window.add(new RequestWindow.Served(started, slot, status, latency, discrepancy, category != null));
  }

  private boolean compare(String input, String legacyResult) {
    try {
      boolean disagreed = compareLog.record(input, legacyResult, lookup.newSystem(input));
      if (disagreed) {
        metrics.discrepancy();
      }
      return disagreed;
    } catch (SQLException e) {
      compareLog.recordError();
      return false;
    }
  }

  private void weights(HttpExchange exchange, String method) throws IOException {
    if (method.equals("PUT")) {
      JsonNode body = HttpExchanges.jsonBody(exchange);
      if (!body.path("stable").canConvertToInt() || !body.path("canary").canConvertToInt()) {
        throw new IllegalArgumentException("PUT {\"stable\": n, \"canary\": n}");
      }
      traffic.set(body.get("stable").asInt(), body.get("canary").asInt(), clock.instant());
    }
    json(exchange, 200, Map.of("stable", 100 - traffic.canary(), "canary", traffic.canary()));
  }

  private void flag(HttpExchange exchange, String method, String name) throws IOException {
    if (method.equals("PUT")) {
      JsonNode value = HttpExchanges.jsonBody(exchange).get("value");
      if (value == null) {
        throw new IllegalArgumentException("PUT {\"value\": ...}");
      }
      flags.set(name, value);
    }
    JsonNode value = flags.get(name);
    if (value == null) {
      json(exchange, 404, Map.of("message", "no flag " + name));
    } else {
      json(exchange, 200, Map.of("value", value));
    }
  }

  private void trigger(HttpExchange exchange, String slotName) throws IOException {
    Slot slot = Slot.parse(slotName);
    byte[] body = HttpExchanges.body(exchange);
    if (!pipeline.signedBySharedSecret(body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER))) {
      json(exchange, 401, Map.of("message", "missing or wrong " + WebhookSignature.HEADER));
      return;
    }
    int run = pipeline.queue(slot, HttpExchanges.JSON.readTree(body), uri("/"));
    json(exchange, 202, Map.of("queued", true, "run", run));
  }

  private void injectFault(HttpExchange exchange) throws IOException {
    JsonNode body = HttpExchanges.jsonBody(exchange);
    double errorRate = body.path("errorRate").asDouble(-1);
    long latencyMs = body.path("addedLatencyMs").asLong(0);
    if (errorRate < 0 || errorRate > 1 || latencyMs < 0) {
      throw new IllegalArgumentException("PUT {\"errorRate\": 0..1, \"addedLatencyMs\": n >= 0}");
    }
    Releases.Fault fault = releases.inject(errorRate, Duration.ofMillis(latencyMs), clock.instant());
    json(exchange, 200, Map.of("version", fault.version(), "errorRate", fault.errorRate(),
        "addedLatencyMs", fault.addedLatency().toMillis(), "injectedAt", fault.injectedAt().toString()));
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
    workers.shutdownNow();
    pipeline.stop();
    database.close();
  }
}
