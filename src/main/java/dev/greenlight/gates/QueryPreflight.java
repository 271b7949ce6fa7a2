package dev.greenlight.gates;

import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.integrations.metrics.MetricProvider;
import dev.greenlight.integrations.metrics.MetricProviders;
import dev.greenlight.integrations.metrics.QueryContext;
import dev.greenlight.promql.PromQlQuery;
import dev.greenlight.spec.MetricSource;
import dev.greenlight.spec.MetricSource.Query;
import dev.greenlight.spec.RunbookSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs every query of a runbook once before a rollout starts, so that a query that fails or sees nothing is found
 * then, not at the first gate. Before a rollout all traffic is on the stable version, so each query is asked about that
 * version: with {@code {{version}}} as the version live now when the release provider can tell, else with the label
 * matchers on {@code {{version}}} left out (every series is the stable version's). Matchers on {@code {{rolloutId}}}
 * are always left out: the rollout has no series yet. A reading without a number (no series, an error, not JSON) is a
 * failure; NaN is not (the stable version may see no requests at that moment).
 */
public final class QueryPreflight {

  private final MetricProviders providers;

  public QueryPreflight(MetricProviders providers) {
    this.providers = providers;
  }

  /**
   * @param stableVersion the version live now; null when nobody can tell
   * @return every query's reading, and the failures among them
   */
  public PreflightResult check(RunbookSpec runbook, String stableVersion) {
    MetricSource source = runbook.metrics();
    if (source == null || source.queries() == null || source.queries().isEmpty()) {
      return new PreflightResult(stableVersion, Map.of(), List.of());
    }
    MetricProvider provider = providers.forSource(source);
    QueryContext context = new QueryContext(runbook.service(), stableVersion, null);
    Map<String, CompletableFuture<Measurement>> running = new LinkedHashMap<>();
    source.queries().forEach((name, query) ->
        running.put(name, provider.measure(name, forStableVersion(source, query, stableVersion), context)));
    Map<String, Measurement> readings = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    running.forEach((name, reading) -> {
      Measurement measurement = reading.join();
      readings.put(name, measurement);
      if (!measurement.hasValue()) {
        failures.add(name + ": " + measurement.problem());
      }
    });
    return new PreflightResult(stableVersion, readings, failures);
  }

  private static Query forStableVersion(MetricSource source, Query query, String stableVersion) {
    if (source.provider() != MetricSource.MetricProvider.PROMETHEUS || query.query() == null) {
      return query;
    }
    String promQl = PromQlQuery.of(query.query()).withoutMatchersOn("rolloutId");
    if (stableVersion == null) {
      promQl = PromQlQuery.of(promQl).withoutMatchersOn("version");
    }
    return new Query(promQl, query.url(), query.jsonPath(), query.unit());
  }

  /**
   * @param stableVersion the version the queries were asked about; null when their version matchers were left out
   * @param readings every query's reading, by name
   * @param failures "name: what the provider answered", for each query without a number
   */
  public record PreflightResult(String stableVersion, Map<String, Measurement> readings, List<String> failures) {

    public boolean passed() {
      return failures.isEmpty();
    }

    /** Which version the queries were asked about, for messages. */
    public String askedAbout() {
      return stableVersion == null
          ? "across all versions (the release provider cannot tell the live one)"
          : "for the live version " + stableVersion;
    }
  }
}
