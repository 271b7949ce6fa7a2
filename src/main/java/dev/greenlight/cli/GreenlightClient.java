package dev.greenlight.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.JsonHttp.Reply;
import dev.greenlight.security.Channel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Greenlight REST API over HTTP with Basic credentials. A refused request becomes a {@link CliFailure} whose
 * message explains the status and carries the server's own message.
 */
class GreenlightClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI server;
  private final String user;
  private final String authorization;
  private final JsonHttp http = new JsonHttp(JSON).withTimeout(TIMEOUT);

  GreenlightClient(URI server, String user, String password) {
    this.server = server;
    this.user = user;
    this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
  }

  JsonNode get(String path) {
    return send(request(path).GET().build());
  }

  JsonNode post(String path, Object body) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Request body is not JSON-serialisable", e);
    }
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** Every request says it comes from the CLI, so the server records actions as made with {@code greenlight}. */
  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = http.request(server.resolve(path))
        .header(Channel.CLIENT_HEADER, Channel.CLI_CLIENT);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  private JsonNode send(HttpRequest request) {
    Reply reply;
    try {
      reply = http.send(request);
    } catch (ConnectException e) {
      throw new CliFailure("Cannot reach the Greenlight server at " + server + ". Start it (greenlight serve) or point"
          + " --server or GREENLIGHT_SERVER at it.", e);
    } catch (IOException e) {
      throw new CliFailure(request.method() + " " + request.uri() + " failed: " + e, e);
    }
    if (!reply.successful()) {
      throw new CliFailure(explain(reply.status(), reply.body(), reply.text()));
    }
    return reply.body();
  }

  private String explain(int status, JsonNode body, String rawBody) {
    String message = serverMessage(body, rawBody);
    return switch (status) {
      case 400 -> "The server refused the request (400 Bad Request): " + message;
      case 401 -> "The server did not accept the credentials (401 Unauthorized): pass --user and --password, or set"
          + " GREENLIGHT_USER and GREENLIGHT_PASSWORD." + (message.isEmpty() ? "" : " " + message);
      case 403 -> "User " + (user == null ? "(none)" : user) + " may not do this (403 Forbidden): " + message;
      case 404 -> "Not found (404): " + message;
      case 409 -> "Conflict (409), the state changed or does not allow this: " + message;
      case 422 -> "The server could not do it (422): " + message;
      default -> "The server answered " + status + ": " + message;
    };
  }

  /** The server's message, errors and known names, whatever the endpoint calls them. */
  private static String serverMessage(JsonNode body, String rawBody) {
    if (!body.isObject()) {
      return rawBody == null ? "" : rawBody.strip();
    }
    List<String> lines = new ArrayList<>();
    for (String field : List.of("message", "detail", "error")) {
      if (body.hasNonNull(field) && body.get(field).isTextual()) {
        lines.add(body.get(field).asText());
        break;
      }
    }
    body.path("errors").forEach(error -> lines.add("  " + error.asText()));
    if (body.has("knownRunbooks")) {
      List<String> known = new ArrayList<>();
      body.get("knownRunbooks").forEach(name -> known.add(name.asText()));
      if (lines.stream().noneMatch(line -> line.contains("registered runbooks"))) {
        lines.add("Registered runbooks: " + String.join(", ", known));
      }
    }
    return lines.isEmpty() ? body.toString() : String.join("\n", lines);
  }
}
