package dev.greenlight.demo.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/** The service's Prometheus metrics at {@code /metrics}: requests by version and status, latency, discrepancies. */
final class ServiceMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter discrepancies = Counter.builder("demo_compare_discrepancies")
      .description("Queries where the legacy and the new system disagreed in compare mode")
      .register(registry);

  void served(String version, int status, Duration latency) {
    Counter.builder("demo_requests").description("Requests served, by version and HTTP status")
        .tag("version", version).tag("status", String.valueOf(status))
        .register(registry).increment();
    Timer.builder("demo_request_duration").description("Time to answer a request, by version")
        .tag("version", version).publishPercentileHistogram()
        .register(registry).record(latency);
  }

  void discrepancy() {
    discrepancies.increment();
  }

  String scrape() {
    return registry.scrape();
  }
}
