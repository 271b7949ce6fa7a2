package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

  @Test
  void findsTheMetricsButNotFunctionsLabelsRangesOrNumbers() {
    assertThat(PromQlMetricNames.of(
        "histogram_quantile(0.95, sum by (version, le) (rate(demo_request_duration_seconds_bucket{service=\"$service\"}[5m])))"
            + " / ignoring(le) sum(increase(demo_requests_total{status=~\"5..\"}[$__range])) or vector(0) > bool 1e3"))
        .containsExactly("demo_request_duration_seconds_bucket", "demo_requests_total");
  }

  @Test
  void readsTheMetricOfAGrafanaLabelValuesQuery() {
    assertThat(PromQlMetricNames.of("label_values(demo_requests_total{service=\"$service\"}, version)"))
        .containsExactly("demo_requests_total");
  }
}
