package dev.greenlight.integrations.traffic.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.traffic.TrafficRouter;
import dev.greenlight.integrations.traffic.TrafficWeights;
import java.net.URI;
import java.util.Optional;

/** A router's weights API: {@code PUT {"stable": 99, "canary": 1}} sets the split, GET on the same URL reads it. */
public class HttpTrafficRouter implements TrafficRouter {

  private final JsonHttp http;
  private final URI weightsUrl;
  private final Optional<String> bearerToken;

  public HttpTrafficRouter(JsonHttp http, URI weightsUrl, Optional<String> bearerToken) {
    this.http = http;
    this.weightsUrl = weightsUrl;
    this.bearerToken = bearerToken;
  }

  @Override
  public void setWeights(TrafficWeights weights) {
    JsonNode body = JsonNodeFactory.instance.objectNode()
        .put("stable", weights.stable())
        .put("canary", weights.canary());
    http.call("PUT", weightsUrl, bearerToken, body).requireSuccess("PUT " + weightsUrl);
  }

  @Override
  public TrafficWeights readWeights() {
    JsonNode body = http.call("GET", weightsUrl, bearerToken, null).requireSuccess("GET " + weightsUrl).body();
    JsonNode stable = body.get("stable");
    JsonNode canary = body.get("canary");
    if (stable == null || canary == null || !stable.canConvertToInt() || !canary.canConvertToInt()) {
      throw new IllegalStateException("GET " + weightsUrl + " must answer {\"stable\": n, \"canary\": n}, answered "
          + body);
    }
    return TrafficWeights.fromRaw(stable.asInt(), canary.asInt());
  }
}
