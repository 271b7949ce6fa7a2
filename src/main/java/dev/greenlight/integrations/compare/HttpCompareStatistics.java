package dev.greenlight.integrations.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.integrations.JsonHttp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The compare statistics from the service's JSON endpoint. An unreachable endpoint, an error status or an answer that
 * is not the expected shape fails with the service's answer, so that nothing is judged or reported from nothing.
 */
@Component
public class HttpCompareStatistics implements CompareStatistics {

  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String EXPECTED = "{\"total_queries\": n, \"discrepancies\": n, \"errors\": n, \"samples\":"
      + " [{\"input\", \"legacy_result\", \"new_result\", \"match\"}]}";

  private final JsonHttp http;

  public HttpCompareStatistics(JsonHttp http) {
    this.http = http.withTimeout(TIMEOUT);
  }

  @Override
  public CompareStats read(String url) {
    JsonHttp.Reply reply = http.call("GET", URI.create(url), Optional.empty(), null)
        .requireSuccess("The compare statistics at " + url);
    JsonNode stats = reply.body();
    if (stats == null || !stats.isObject()) {
      throw malformed(url, "the answer is not a JSON object", reply);
    }
    long total = count(stats, "total_queries", url, reply);
    long discrepancies = count(stats, "discrepancies", url, reply);
    long errors = count(stats, "errors", url, reply);
    List<CompareSample> samples = new ArrayList<>();
    JsonNode items = stats.path("samples");
    if (!items.isMissingNode() && !items.isNull() && !items.isArray()) {
      throw malformed(url, "samples is not a list", reply);
    }
    for (JsonNode item : items) {
      if (!item.path("match").isBoolean()) {
        throw malformed(url, "a sample has no true/false match", reply);
      }
      samples.add(new CompareSample(text(item.get("input")), text(item.get("legacy_result")),
          text(item.get("new_result")), item.get("match").booleanValue()));
    }
    return new CompareStats(total, discrepancies, errors, samples);
  }

  private static long count(JsonNode stats, String field, String url, JsonHttp.Reply reply) {
    JsonNode value = stats.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw malformed(url, field + " is not a count", reply);
    }
    return value.longValue();
  }

  /** Results may be text or structured; structured ones are kept as their JSON. */
  private static String text(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static IllegalStateException malformed(String url, String problem, JsonHttp.Reply reply) {
    return new IllegalStateException("The compare statistics at " + url + " are not usable: " + problem
        + "; the service must answer " + EXPECTED + ", it answered: " + reply.excerpt());
  }
}
