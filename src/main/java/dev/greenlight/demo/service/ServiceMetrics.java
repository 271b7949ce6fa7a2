package dev.greenlight.demo.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's Prometheus metrics at {@code /metrics}: requests by version and status, latency, lookups by outcome
 * and category, discrepancies, and its database (reachable, buffer cache hits and reads).
 */
final class ServiceMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter discrepancies = Counter.builder("demo_compare_discrepancies")
      .description("Queries where the legacy and the new system disagreed in compare mode")
      .register(registry);
  private final AtomicLong databaseUp = new AtomicLong();
  private final AtomicLong blocksHit = new AtomicLong();
  private final AtomicLong blocksRead = new AtomicLong();

  ServiceMetrics() {
    Gauge.builder("demo_db_up", databaseUp, AtomicLong::get)
        .description("1 when the service's database answered at the last scrape, else 0").register(registry);
    FunctionCounter.builder("demo_db_blocks_hit", blocksHit, AtomicLong::get)
        .description("Blocks the database found in its buffer cache").register(registry);
    FunctionCounter.builder("demo_db_blocks_read", blocksRead, AtomicLong::get)
        .description("Blocks the database had to read from disk").register(registry);
  }

  void served(String version, int status, Duration latency) {
    Counter.builder("demo_requests").description("Requests served, by version and HTTP status")
        .tag("version", version).tag("status", String.valueOf(status))
        .register(registry).increment();
    Timer.builder("demo_request_duration").description("Time to answer a request, by version")
        .tag("version", version).publishPercentileHistogram()
        .register(registry).record(latency);
  }

  /** A lookup that answered; the category is one of the catalog's few, or none when the element is unknown. */
  void lookedUp(String version, String category) {
    Counter.builder("demo_lookups").description("Element lookups, by version, outcome (found, unknown) and category")
        .tag("version", version).tag("outcome", category == null ? "unknown" : "found")
        .tag("category", category == null ? "none" : category)
        .register(registry).increment();
  }

  void discrepancy() {
    discrepancies.increment();
  }

  String scrape(DatabaseStatistics.Reading database) {
    databaseUp.set(database.up() ? 1 : 0);
    if (database.up()) {
      blocksHit.set(database.blocksHit());
      blocksRead.set(database.blocksRead());
    }
    return registry.scrape();
  }
}
