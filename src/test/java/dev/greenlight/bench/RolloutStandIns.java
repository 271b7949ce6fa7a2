package dev.greenlight.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The services N benchmark rollouts talk to, on one HTTP server on 127.0.0.1: a healthy metric source per rollout
 * ({@code /gate/<i>/error-rate}, {@code /gate/<i>/latency}), a health check and a weights router per rollout.
 * It records when each rollout's error-rate query arrives: that is the instant its gate check ran, taken by the
 * counterpart. Its threads are named {@value #THREAD_PREFIX}… so their CPU can be told apart from Greenlight's.
 */
final class RolloutStandIns implements AutoCloseable {

  static final String THREAD_PREFIX = "bench-standin-";
  /** The JDK server's accept/dispatch thread: also the stand-ins' work, not Greenlight's. */
  static final String DISPATCHER_THREAD = "HTTP-Dispatcher";

  private final HttpServer server;
  private final ExecutorService executor;
  private final CheckArrivals arrivals;
  private final Map<String, String> weights = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();

  RolloutStandIns(int rollouts) {
    this.arrivals = new CheckArrivals(rollouts);
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, THREAD_PREFIX + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException("The benchmark's stand-in server could not listen on 127.0.0.1", e);
    }
    server.createContext("/gate/", this::gate);
    server.createContext("/health", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
    server.createContext("/router/", this::router);
    server.setExecutor(executor);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  CheckArrivals arrivals() {
    return arrivals;
  }

  long requests() {
    return requests.get();
  }

  private void gate(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    String[] parts = exchange.getRequestURI().getPath().split("/");
    int rollout = Integer.parseInt(parts[2]);
    if (parts[3].equals("error-rate")) {
      arrivals.record(rollout, arrived);
      respond(exchange, 200, "{\"value\":0.001}");
    } else {
      respond(exchange, 200, "{\"value\":0.05}");
    }
  }

  private void router(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (exchange.getRequestMethod().equals("PUT")) {
      weights.put(path, body);
      respond(exchange, 200, body);
    } else {
      respond(exchange, 200, weights.getOrDefault(path, "{\"stable\":100,\"canary\":0}"));
    }
  }

  private void respond(HttpExchange exchange, int status, String body) throws IOException {
    requests.incrementAndGet();
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
