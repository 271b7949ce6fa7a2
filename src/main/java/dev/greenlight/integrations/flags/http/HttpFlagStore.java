package dev.greenlight.integrations.flags.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.JsonHttp.Reply;
import dev.greenlight.integrations.flags.FlagStore;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A flag admin API: each flag at {@code {url}/{flagName}}, {@code PUT {"value": ...}} sets it, GET reads it. */
public class HttpFlagStore implements FlagStore {

  private final JsonHttp http;
  private final URI baseUrl;
  private final Optional<String> bearerToken;

  public HttpFlagStore(JsonHttp http, URI baseUrl, Optional<String> bearerToken) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.bearerToken = bearerToken;
  }

  @Override
  public Map<String, JsonNode> read(Set<String> names) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (String name : names) {
      URI flag = flagUri(name);
      Reply reply = http.call("GET", flag, bearerToken, null);
      if (reply.status() == 404) {
        values.put(name, NullNode.getInstance());
        continue;
      }
      JsonNode value = reply.requireSuccess("GET " + flag).body().get("value");
      if (value == null) {
        throw new IllegalStateException("GET " + flag + " answered without a \"value\" field: " + reply.text());
      }
      values.put(name, value);
    }
    return values;
  }

  @Override
  public void write(Map<String, JsonNode> values) {
    values.forEach((name, value) -> {
      URI flag = flagUri(name);
      JsonNode body = JsonNodeFactory.instance.objectNode().set("value", value);
      http.call("PUT", flag, bearerToken, body).requireSuccess("PUT " + flag);
    });
  }

  private URI flagUri(String name) {
    return JsonHttp.under(baseUrl, URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
  }
}
