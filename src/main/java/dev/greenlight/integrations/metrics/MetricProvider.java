package dev.greenlight.integrations.metrics;

import dev.greenlight.spec.MetricSource;
import java.util.concurrent.CompletableFuture;

/**
 * Takes one measurement of a named query. A source that answers badly (unreachable, error status, no data, a shape
 * that is not one number) gives an inconclusive measurement, which the gate counts toward the consecutive-error limit;
 * a query that cannot even be sent (bad template, missing URL) fails at once with what to fix.
 */
public interface MetricProvider {

  CompletableFuture<Measurement> measure(String name, MetricSource.Query query, QueryContext context);
}
