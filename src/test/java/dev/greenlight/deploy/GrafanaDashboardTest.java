package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.greenlight.demo.service.DemoService;
import dev.greenlight.gates.GateVerdict;
import dev.greenlight.inbox.ApprovalsInbox;
import dev.greenlight.metrics.GreenlightMetrics;
import dev.greenlight.metrics.OverdueDecisions;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.spec.Stage;
import dev.greenlight.spec.Strategy;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provisioned production dashboard: every query reads a metric that is really exported, by the bundled demo
 * service on {@code /metrics} (scraped here after it served a few requests) or by Greenlight (its meters in a Prometheus
 * registry after one event of each kind), and every panel uses the provisioned datasource.
 */
class GrafanaDashboardTest {

  private static final Path GRAFANA = Path.of("deploy/grafana");
  private static DemoService service;
  private static Set<String> exportedMetrics;
  private static JsonNode dashboard;

  @BeforeAll
  static void scrapeTheDemoService() throws Exception {
    service = DemoService.start("1.0.0", "db-password-for-tests", "pipeline-secret-for-tests", Clock.systemUTC());
    HttpClient http = HttpClient.newHttpClient();
    for (String element : List.of("ladder", "flux-capacitor")) {
      http.send(HttpRequest.newBuilder(service.uri("/api/elements?q=" + element)).build(),
          HttpResponse.BodyHandlers.discarding());
    }
    String metrics = http.send(HttpRequest.newBuilder(service.uri("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    exportedMetrics = (metrics + greenlightMetrics()).lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    dashboard = new ObjectMapper().readTree(GRAFANA.resolve("dashboards/production-rollout.json").toFile());
  }

  private static String greenlightMetrics() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GreenlightMetrics metrics = new GreenlightMetrics(registry, Clock.systemUTC());
    metrics.rolloutStarted(Strategy.CANARY, "catalog");
    metrics.stageWatched(Strategy.CANARY, "catalog",
        new Stage("canary", 1, null, Duration.ofMinutes(1), Duration.ofMinutes(1), 3, Map.of(), 0, null, null, null, null, null, null), 1);
    metrics.rolloutEnded(Strategy.CANARY, "analyzer", RolloutState.ROLLED_BACK);
    metrics.gateEvaluated(GateVerdict.PASS);
    metrics.trafficReturnedAfterBreach(Duration.ofSeconds(20));
    metrics.decisionAnswered(Duration.ofMinutes(30));
    ApprovalsInbox inbox = mock(ApprovalsInbox.class);
    when(inbox.openTasks()).thenReturn(List.of());
    new OverdueDecisions(inbox, Clock.systemUTC(), Duration.ofHours(24),
        registry);
    return registry.scrape();
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
  }

  @Test
  void everyQueryReadsAMetricThatIsExported() {
    List<String> queries = new ArrayList<>();
    panels().forEach(panel -> panel.path("targets").forEach(target -> queries.add(target.path("expr").asText())));
    dashboard.path("templating").path("list").forEach(variable -> queries.add(variable.path("query").path("query").asText()));

    assertThat(queries).hasSizeGreaterThan(10).allSatisfy(query -> assertThat(PromQlMetricNames.of(query))
        .as("metrics read by %s", query)
        .isNotEmpty()
        .allSatisfy(metric -> assertThat(exportedMetrics).as("exported metrics").contains(metric)));
  }

  @Test
  void everyPanelAndQueryUsesTheProvisionedDatasource() throws Exception {
    JsonNode datasources = new YAMLMapper().readTree(GRAFANA.resolve("provisioning/datasources/prometheus.yml").toFile());
    String uid = datasources.path("datasources").path(0).path("uid").asText();

    assertThat(panels()).allSatisfy(panel -> {
      assertThat(panel.path("datasource").path("uid").asText()).as("datasource of %s", panel.path("title")).isEqualTo(uid);
      assertThat(panel.path("targets")).as("queries of %s", panel.path("title")).isNotEmpty()
          .allSatisfy(target -> assertThat(target.path("datasource").path("uid").asText()).isEqualTo(uid));
    });
  }

  @Test
  void showsSeed000sProductionViewPerServiceAndVersion() {
    assertThat(panels()).extracting(panel -> panel.path("title").asText()).contains("Status", "Error rate",
        "Response time p95", "Element match", "Cache hit rate", "Queries processed (last hour)",
        "Recent samples (lookups in the last 5 minutes)", "Breach to traffic back on stable (p95)", "Overdue decisions");
    assertThat(dashboard.path("templating").path("list")).extracting(variable -> variable.path("name").asText())
        .containsExactly("service", "version");
  }

  private static List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    dashboard.path("panels").forEach(panel -> {
      if (!panel.path("type").asText().equals("row")) {
        panels.add(panel);
      }
    });
    return panels;
  }
}
