package dev.greenlight.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * Where gate measurements come from.
 *
 * @param provider prometheus (HTTP API {@code /api/v1/query}) or web (any JSON endpoint)
 * @param url prometheus: the server's base URL; web: default endpoint for queries without their own URL
 * @param usernameSecret prometheus: basic-auth user secret name, optional
 * @param passwordSecret prometheus: basic-auth password secret name, optional
 * @param bearerTokenSecret bearer token secret name, optional
 * @param queries named measurements; thresholds and rollback triggers refer to these names
 * @param consecutiveErrorLimit readings without a number in a row, counted across stages, that a count-as-error stage
 *     tolerates; one more breaches it (0 or unset: 4, as in Argo Rollouts)
 */
public record MetricSource(
    MetricProvider provider,
    String url,
    String usernameSecret,
    String passwordSecret,
    String bearerTokenSecret,
    Map<String, Query> queries,
    int consecutiveErrorLimit) {

  public enum MetricProvider {
    PROMETHEUS, WEB;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }

  /** What a measurement's number is, so thresholds can be checked for sense ({@code ratio} lies in 0..1). */
  public enum Unit {
    RATIO, SECONDS, COUNT;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }

  /**
   * @param query prometheus: PromQL returning one instant-vector sample or a scalar; {@code {{service}}},
   *     {@code {{version}}} and {@code {{rolloutId}}} are replaced
   * @param url web: endpoint, default the source's url
   * @param jsonPath web: where the number is in the response
   * @param unit what the number means
   */
  public record Query(String query, String url, String jsonPath, Unit unit) {}
}
