package dev.greenlight.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For one test class ({@code @RegisterExtension static final}): a {@link RequestCountExporter} standing in for the
 * service, and the real Prometheus scraping it, started before the class's first test and stopped after its last.
 */
public final class ScrapedService implements BeforeAllCallback, AfterAllCallback {

  private RequestCountExporter service;
  private LocalPrometheus prometheus;

  @Override
  public void beforeAll(ExtensionContext context) {
    service = new RequestCountExporter();
    prometheus = LocalPrometheus.start(service.target());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (prometheus != null) {
      prometheus.close();
    }
    service.close();
  }

  public RequestCountExporter service() {
    return service;
  }

  /** Prometheus's base URL; its API needs {@link LocalPrometheus#USERNAME} and {@link LocalPrometheus#PASSWORD}. */
  public String prometheusUrl() {
    return prometheus.url();
  }
}
