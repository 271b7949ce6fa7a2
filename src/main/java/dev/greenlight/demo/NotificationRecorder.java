package dev.greenlight.demo;

import static dev.greenlight.demo.service.HttpExchanges.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.greenlight.demo.service.HttpExchanges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Slack and PagerDuty for the demo: a local server on 127.0.0.1 that answers {@code /slack/api/chat.postMessage} and
 * {@code /pagerduty/v2/enqueue} as the real services do and keeps what it received, so the demo can show it.
 */
final class NotificationRecorder implements AutoCloseable {

  /** A notification as received: Slack's text or PagerDuty's event action and summary. */
  record Notification(Instant at, String channel, String text) {}

  private final HttpServer server;
  private final Clock clock;
  private final List<Notification> received = new ArrayList<>();

  private NotificationRecorder(Clock clock) throws IOException {
    this.clock = clock;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/slack/api/chat.postMessage", this::slack);
    server.createContext("/pagerduty/v2/enqueue", this::pagerDuty);
    server.start();
  }

  static NotificationRecorder start(Clock clock) {
    try {
      return new NotificationRecorder(clock);
    } catch (IOException e) {
      throw new UncheckedIOException("Starting the local Slack and PagerDuty recorder failed", e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  synchronized List<Notification> received() {
    return List.copyOf(received);
  }

  private void slack(HttpExchange exchange) throws IOException {
    try (exchange) {
      String form = new String(HttpExchanges.body(exchange), StandardCharsets.UTF_8);
      String text = "";
      for (String pair : form.split("&")) {
        if (pair.startsWith("text=")) {
          text = URLDecoder.decode(pair.substring("text=".length()), StandardCharsets.UTF_8);
        }
      }
      record("slack", text);
      json(exchange, 200, Map.of("ok", true, "channel", "C0DEMO", "ts", clock.millis() / 1000.0 + ""));
    }
  }

  private void pagerDuty(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode event = HttpExchanges.jsonBody(exchange);
      record("pagerduty", event.path("event_action").asText() + ": " + event.path("payload").path("summary").asText());
      json(exchange, 202, Map.of("status", "success", "message", "Event processed",
          "dedup_key", event.path("dedup_key").asText("demo")));
    }
  }

  private synchronized void record(String channel, String text) {
    received.add(new Notification(clock.instant(), channel, text));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
