package dev.greenlight.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server on 127.0.0.1 for tests: answers with canned responses and records every request it gets. */
public final class LocalHttpServer implements AutoCloseable {

  /** What the server saw: method, path (with query), headers and body. */
  public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst().orElse(null);
    }
  }

  /** The response to a request. */
  public record Response(int status, String contentType, String body) {
    public static Response json(int status, String body) {
      return new Response(status, "application/json", body);
    }

    public static Response text(int status, String body) {
      return new Response(status, "text/plain", body);
    }
  }

  /** Decides the response; may block to simulate a slow peer. */
  @FunctionalInterface
  public interface Handler {
    Response handle(RecordedRequest request) throws Exception;
  }

  private final HttpServer server;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  private LocalHttpServer(Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> respond(exchange, handler));
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  public static LocalHttpServer start(Handler handler) {
    try {
      return new LocalHttpServer(handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  private void respond(HttpExchange exchange, Handler handler) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
        exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()), body);
    requests.add(request);
    Response response;
    try {
      response = handler.handle(request);
    } catch (Exception e) {
      response = Response.text(500, "test handler failed: " + e);
    }
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
