package dev.greenlight.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.GreenlightSpringTest;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The write-report worker through the Spring starter: the daily-report process files seed 000's report. */
@GreenlightSpringTest
class DailyReportProcessTest {

  @Autowired CamundaClient client;
  @Autowired ZeebeTestEngine engine;
  @Autowired ReportStore store;

  @Test
  void theDailyReportProcessFilesTheCompareReport() throws Exception {
    try (LocalHttpServer service = LocalHttpServer.start(request -> Response.json(200,
        "{\"total_queries\": 42, \"discrepancies\": 0, \"errors\": 0, \"samples\": []}"))) {
      String yaml = Files.readString(Path.of("runbooks/msia-element-system.yaml"))
          .replace("https://api.msi-a.com/internal/element-system/compare-stats",
              service.uri("/compare-stats").toString());
      RunbookSpec runbook = new SpecReader().readYaml(yaml.substring(0, yaml.indexOf("notifications:")), "msia");
      String rolloutId = "msia-api-20261123-" + UUID.randomUUID().toString().substring(0, 4);

      long instance = client.newCreateInstanceCommand().bpmnProcessId("daily-report").latestVersion()
          .variables(Map.of("reportKind", "compare-daily", "runbook", runbook, "rolloutId", rolloutId,
              "version", "1.4.0"))
          .send().join().getProcessInstanceKey();

      EngineRecords records = new EngineRecords(engine);
      await().atMost(Duration.ofSeconds(30)).until(() -> records.isCompleted(instance));
      @SuppressWarnings("unchecked")
      Map<String, Object> report = (Map<String, Object>) records.variable(instance, "report");
      assertThat(report).containsEntry("kind", "compare-daily").containsEntry("status", "ok");
      assertThat((String) report.get("summary")).matches(
          "compare mode \\d{4}-\\d{2}-\\d{2}: 42 queries, 0 discrepancies, 0 errors — OK");
      assertThat(store.list(rolloutId)).singleElement().satisfies(filed -> {
        assertThat(filed.id()).isEqualTo(report.get("id"));
        assertThat(filed.service()).isEqualTo("msia-api");
        assertThat(filed.content().get("total_queries").asLong()).isEqualTo(42);
      });
    }
  }
}
