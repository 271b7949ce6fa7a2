package dev.greenlight.integrations.metrics.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.JsonHttp.Reply;
import dev.greenlight.integrations.metrics.HttpMeasurement;
import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.integrations.metrics.MetricProvider;
import dev.greenlight.integrations.metrics.QueryContext;
import dev.greenlight.spec.MetricSource;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Instant queries against the Prometheus HTTP API ({@code GET /api/v1/query}). A query must come down to one number:
 * a scalar or an instant vector with exactly one sample.
 */
public final class PrometheusProvider implements MetricProvider {

  private static final int QUERY_EXCERPT = 200;

  private final JsonHttp http;
  private final String baseUrl;
  private final Optional<String> authorization;

  public PrometheusProvider(JsonHttp http, String baseUrl, Optional<String> authorization) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("metrics.url is missing: the Prometheus base URL, e.g. http://prometheus:9090");
    }
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.authorization = authorization;
  }

  @Override
  public CompletableFuture<Measurement> measure(String name, MetricSource.Query query, QueryContext context) {
    if (query.query() == null || query.query().isBlank()) {
      throw new IllegalArgumentException("metrics.queries." + name + ".query is missing: Prometheus needs PromQL");
    }
    String promQl = PromQlTemplate.render(query.query(), name, context);
    URI uri = URI.create(baseUrl + "/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
    return HttpMeasurement.get(http, uri, authorization, "Prometheus", reply -> read(reply, promQl));
  }

  private Measurement read(Reply reply, String promQl) {
    if (reply.status() == 401 || reply.status() == 403) {
      return Measurement.inconclusive("Prometheus answered " + reply.status()
          + ": check the credentials named by metrics.usernameSecret/passwordSecret or bearerTokenSecret");
    }
    JsonNode body = reply.body();
    if (body.isMissingNode()) {
      return Measurement.inconclusive("Prometheus answered " + reply.status() + " with a body that is not JSON: "
          + reply.excerpt());
    }
    if (reply.status() != 200 || !"success".equals(body.path("status").asText())) {
      return Measurement.inconclusive("Prometheus answered " + reply.status() + " ("
          + body.path("errorType").asText("no error type") + "): " + body.path("error").asText(reply.excerpt()));
    }
    JsonNode data = body.path("data");
    JsonNode result = data.path("result");
    return switch (data.path("resultType").asText()) {
      case "scalar" -> number(result);
      case "vector" -> single(result, promQl);
      default -> Measurement.inconclusive("the query returned a " + data.path("resultType").asText("result of no type")
          + "; it must return an instant vector with one sample or a scalar");
    };
  }

  private static Measurement single(JsonNode series, String promQl) {
    if (series.isEmpty()) {
      return Measurement.inconclusive("no data — Prometheus returned no series for " + excerpt(promQl));
    }
    if (series.size() > 1) {
      return Measurement.inconclusive("the query returned " + series.size()
          + " series; aggregate it to one, e.g. with sum(...) or max(...)");
    }
    return number(series.get(0).path("value"));
  }

  /** Long queries are cut for messages; the runbook names the query in full. */
  private static String excerpt(String promQl) {
    String oneLine = promQl.replaceAll("\\s+", " ").strip();
    return oneLine.length() > QUERY_EXCERPT ? oneLine.substring(0, QUERY_EXCERPT) + "…" : oneLine;
  }

  /** A sample is {@code [timestamp, "value"]}; Prometheus writes infinities as {@code +Inf}/{@code -Inf}. */
  private static Measurement number(JsonNode sample) {
    String value = sample.path(1).asText();
    return switch (value) {
      case "+Inf", "Inf" -> Measurement.of(Double.POSITIVE_INFINITY);
      case "-Inf" -> Measurement.of(Double.NEGATIVE_INFINITY);
      default -> {
        try {
          yield Measurement.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
          yield Measurement.inconclusive("the sample value '" + value + "' is not a number");
        }
      }
    };
  }
}
