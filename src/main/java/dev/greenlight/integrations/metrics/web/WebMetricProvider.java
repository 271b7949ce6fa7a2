package dev.greenlight.integrations.metrics.web;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.JsonHttp.Reply;
import dev.greenlight.integrations.metrics.HttpMeasurement;
import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.integrations.metrics.MetricProvider;
import dev.greenlight.integrations.metrics.QueryContext;
import dev.greenlight.spec.MetricSource;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Any HTTP endpoint answering JSON: GET the query's URL (default the source's) and read the number at its JSON path. */
public final class WebMetricProvider implements MetricProvider {

  private final JsonHttp http;
  private final Configuration jsonPath;
  private final String defaultUrl;
  private final Optional<String> authorization;

  public WebMetricProvider(JsonHttp http, String defaultUrl, Optional<String> authorization) {
    this.http = http;
    this.jsonPath = Configuration.builder()
        .jsonProvider(new JacksonJsonProvider(http.json()))
        .mappingProvider(new JacksonMappingProvider(http.json()))
        .build();
    this.defaultUrl = defaultUrl;
    this.authorization = authorization;
  }

  @Override
  public CompletableFuture<Measurement> measure(String name, MetricSource.Query query, QueryContext context) {
    String url = query.url() == null || query.url().isBlank() ? defaultUrl : query.url();
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("metrics.queries." + name + ".url is missing and metrics.url gives no default");
    }
    if (query.jsonPath() == null || query.jsonPath().isBlank()) {
      throw new IllegalArgumentException("metrics.queries." + name + ".jsonPath is missing: where the number is, e.g. $.errorRate");
    }
    JsonPath path;
    try {
      path = JsonPath.compile(query.jsonPath());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("metrics.queries." + name + ".jsonPath '" + query.jsonPath()
          + "' is not a valid JSON path: " + e.getMessage(), e);
    }
    return HttpMeasurement.get(http, URI.create(url), authorization, "The metric endpoint",
        response -> read(response, path));
  }

  private Measurement read(Reply reply, JsonPath path) {
    if (reply.status() != 200) {
      return Measurement.inconclusive("the metric endpoint answered " + reply.status() + ": " + reply.excerpt());
    }
    Object value;
    try {
      value = JsonPath.using(jsonPath).parse(reply.text()).read(path);
    } catch (InvalidJsonException e) {
      return Measurement.inconclusive("the metric endpoint answered with a body that is not JSON: " + reply.excerpt());
    } catch (PathNotFoundException e) {
      return Measurement.inconclusive("no data: " + path.getPath() + " is not in the response");
    }
    if (value instanceof Number number) {
      return Measurement.of(number.doubleValue());
    }
    if (value instanceof String text) {
      try {
        return Measurement.of(Double.parseDouble(text.strip()));
      } catch (NumberFormatException e) {
        return Measurement.inconclusive(path.getPath() + " is \"" + text + "\", not a number");
      }
    }
    return Measurement.inconclusive(value == null
        ? "no data: " + path.getPath() + " is null"
        : path.getPath() + " is " + value + ", not a number");
  }
}
