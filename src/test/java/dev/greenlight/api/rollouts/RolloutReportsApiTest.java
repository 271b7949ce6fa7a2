package dev.greenlight.api.rollouts;

import static dev.greenlight.support.RolloutApiSpringTest.PASSWORD;
import static dev.greenlight.support.RolloutApiSpringTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.reports.Report;
import dev.greenlight.reports.ReportKind;
import dev.greenlight.reports.ReportStatus;
import dev.greenlight.reports.ReportStore;
import dev.greenlight.support.ApiTestRunbooks;
import dev.greenlight.support.RolloutApiSpringTest;
import dev.greenlight.support.RolloutTestProcess;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/rollouts/{id}/reports} on the embedded engine, with reports filed in the configured directory. */
@RolloutApiSpringTest
class RolloutReportsApiTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired CamundaClient client;
  @Autowired ReportStore store;
  final ObjectMapper json = new ObjectMapper();
  TestRestTemplate api;

  @BeforeEach
  void deployTheStandInProcess() {
    RolloutTestProcess.deploy(client);
    ApiTestRunbooks.write();
    api = anonymous.withBasicAuth(USER, PASSWORD);
  }

  @Test
  void listsARolloutsReportsNewestLast() throws Exception {
    String rolloutId = startedRollout();
    assertThat(api.getForObject("/api/rollouts/" + rolloutId + "/reports", JsonNode.class)).isEmpty();
    Instant first = Instant.parse("2026-11-23T23:59:00Z");
    store.save(report(rolloutId, ReportKind.COMPARE_DAILY, first.plus(Duration.ofDays(1)), 2, "day two"));
    store.save(report(rolloutId, ReportKind.COMPARE_DAILY, first, 1, "day one"));

    ResponseEntity<JsonNode> reports = api.getForEntity("/api/rollouts/" + rolloutId + "/reports", JsonNode.class);

    assertThat(reports.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reports.getBody().findValuesAsText("summary")).containsExactly("day one", "day two");
    JsonNode dayOne = reports.getBody().get(0);
    assertThat(dayOne.get("id").asText()).isEqualTo("20261123T235900000Z-compare-daily");
    assertThat(dayOne.get("kind").asText()).isEqualTo("compare-daily");
    assertThat(dayOne.get("status").asText()).isEqualTo("ok");
    assertThat(dayOne.get("createdAt").asText()).isEqualTo("2026-11-23T23:59:00Z");
    assertThat(dayOne.get("rolloutId").asText()).isEqualTo(rolloutId);
    assertThat(dayOne.get("content")).isEqualTo(json.readTree("{\"phase\": \"compare_mode\", \"total_queries\": 1}"));
  }

  @Test
  void anUnknownRolloutIsNotFoundAndStrangersAreRefused() {
    ResponseEntity<JsonNode> unknown = api.getForEntity("/api/rollouts/nope-20260101-0000/reports", JsonNode.class);

    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody().get("message").asText())
        .isEqualTo("No rollout with id 'nope-20260101-0000'; greenlight list shows the rollouts");
    assertThat(anonymous.getForEntity("/api/rollouts/nope-20260101-0000/reports", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private String startedRollout() {
    ResponseEntity<JsonNode> started = api.postForEntity("/api/rollouts",
        Map.of("runbook", "analyzer-canary", "version", "1.11.0"), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String rolloutId = started.getBody().get("rolloutId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        api.getForEntity("/api/rollouts/" + rolloutId, JsonNode.class).getStatusCode() == HttpStatus.OK);
    return rolloutId;
  }

  private Report report(String rolloutId, ReportKind kind, Instant createdAt, long job, String summary)
      throws Exception {
    return new Report(null, kind, rolloutId, "analyzer", "1.11.0", createdAt, ReportStatus.OK, summary, job,
        json.readTree("{\"phase\": \"compare_mode\", \"total_queries\": " + job + "}"));
  }
}
