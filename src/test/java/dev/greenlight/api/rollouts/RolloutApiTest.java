package dev.greenlight.api.rollouts;

import static dev.greenlight.support.RolloutApiSpringTest.PASSWORD;
import static dev.greenlight.support.RolloutApiSpringTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.support.ApiTestRunbooks;
import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.RolloutApiSpringTest;
import dev.greenlight.support.RolloutTestProcess;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The rollouts API against the embedded engine, with a stand-in canary process and the real load-runbook worker. */
@RolloutApiSpringTest
class RolloutApiTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired CamundaClient client;
  @Autowired ZeebeTestEngine engine;
  final ObjectMapper json = new ObjectMapper();
  TestRestTemplate http;

  @BeforeEach
  void deployTheStandInProcess() {
    RolloutTestProcess.deploy(client);
    ApiTestRunbooks.write();
    http = anonymous.withBasicAuth(USER, PASSWORD);
  }

  @Test
  void startsARegisteredRunbookFollowsItAndAbortsIt() throws Exception {
    ResponseEntity<JsonNode> started = http.postForEntity("/api/rollouts",
        Map.of("runbook", "analyzer-canary", "version", "1.11.0", "ticket", "CHG-1234"), JsonNode.class);

    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String rolloutId = started.getBody().get("rolloutId").asText();
    assertThat(rolloutId).matches("analyzer-\\d{8}-[0-9a-f]{4}");
    assertThat(started.getBody().get("processId").asText()).isEqualTo("canary-rollout");
    assertThat(started.getHeaders().getLocation()).hasPath("/api/rollouts/" + rolloutId);
    long instance = started.getBody().get("processInstanceKey").asLong();

    JsonNode waiting = await().atMost(Duration.ofSeconds(30))
        .until(() -> status(rolloutId), rollout -> rollout.path("pendingDecisions").size() == 1
            && "analyzer".equals(rollout.path("service").asText(null)));
    assertThat(waiting.get("state").asText()).isEqualTo("active");
    assertThat(waiting.get("strategy").asText()).isEqualTo("canary");
    assertThat(waiting.get("runbook").asText()).isEqualTo("analyzer-canary");
    assertThat(waiting.get("version").asText()).isEqualTo("1.11.0");
    assertThat(waiting.get("ticket").asText()).isEqualTo("CHG-1234");
    assertThat(waiting.get("startedBy").asText()).isEqualTo(USER);
    assertThat(json.convertValue(waiting.get("current"), List.class)).containsExactly("Decide go/no-go");
    JsonNode decision = waiting.get("pendingDecisions").get(0);
    assertThat(decision.get("name").asText()).isEqualTo("Decide go/no-go");
    assertThat(decision.get("candidateGroups").get(0).asText()).isEqualTo("deployment-lead");
    assertThat(decision.get("question").asText()).isEqualTo("Go on with the canary?");
    assertThat(decision.get("summary").asText()).isEqualTo("The gate held for two hours.");

    client.newSetVariablesCommand(instance).variables(Map.of(
        "gate", Map.of("verdict", "pass", "values", Map.of("errorRate", 0.002)),
        "decisions", List.of(Map.of("decision", "go", "by", "alice")))).send().join();
    JsonNode withGate = await().atMost(Duration.ofSeconds(10))
        .until(() -> status(rolloutId), rollout -> rollout.hasNonNull("gate"));
    assertThat(withGate.get("gate").get("verdict").asText()).isEqualTo("pass");
    assertThat(withGate.get("decisions").get(0).get("by").asText()).isEqualTo("alice");
    JsonNode list = http.getForObject("/api/rollouts", JsonNode.class);
    assertThat(list.findValuesAsText("rolloutId")).contains(rolloutId);

    ResponseEntity<JsonNode> abort = http.postForEntity("/api/rollouts/" + rolloutId + "/abort",
        Map.of("reason", "error budget burnt"), JsonNode.class);

    assertThat(abort.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode aborted = await().atMost(Duration.ofSeconds(20))
        .until(() -> status(rolloutId), rollout -> rollout.get("state").asText().equals("aborted"));
    assertThat(aborted.get("current")).isEmpty();
    assertThat(aborted.get("pendingDecisions")).isEmpty();
    EngineRecords records = new EngineRecords(engine);
    assertThat(records.variable(instance, "abortReason")).isEqualTo("error budget burnt");
    assertThat(records.variable(instance, "abortedBy")).isEqualTo(USER);

    ResponseEntity<JsonNode> again = http.postForEntity("/api/rollouts/" + rolloutId + "/abort",
        Map.of("reason", "twice"), JsonNode.class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody().get("message").asText()).contains("is aborted");
  }

  @Test
  void startsAnInlineYamlSpecThatTheProcessLoadsAgain() throws Exception {
    String yaml = ApiTestRunbooks.yaml("analyzer-canary").replace("service: analyzer",
        "service: checkout");

    ResponseEntity<JsonNode> started = http.postForEntity("/api/rollouts",
        Map.of("spec", yaml, "version", "2.0.0"), JsonNode.class);

    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String rolloutId = started.getBody().get("rolloutId").asText();
    assertThat(rolloutId).startsWith("checkout-");
    JsonNode loaded = await().atMost(Duration.ofSeconds(30))
        .until(() -> status(rolloutId), rollout -> "checkout".equals(rollout.path("service").asText(null)));
    assertThat(loaded.get("runbook").isNull()).isTrue();
    Object runbook = new EngineRecords(engine).variable(started.getBody().get("processInstanceKey").asLong(),
        "runbook");
    assertThat(json.valueToTree(runbook).at("/stages/0/duration").asText()).isEqualTo("PT2H");
  }

  @Test
  void refusesToStartWhenAQueryGetsNoSeriesNamingItAndTheProvidersAnswer() {
    String yaml = ApiTestRunbooks.yaml("analyzer-canary")
        .replace("analyzer_request_duration_seconds_bucket", ApiTestRunbooks.NO_SERIES_METRIC);

    ResponseEntity<JsonNode> refused = http.postForEntity("/api/rollouts", Map.of("spec", yaml, "version", "2.0.0"),
        JsonNode.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody().get("message").asText()).isEqualTo("The rollout of analyzer was not started: 1 of"
        + " its 2 metric queries did not answer across all versions (the release provider cannot tell the live one)."
        + " Fix the queries in metrics.queries or the metric source, then start again");
    assertThat(json.convertValue(refused.getBody().get("errors"), List.class)).containsExactly(
        "latencyP99: no data — Prometheus returned no series for histogram_quantile(0.99, sum by (le) (rate("
            + ApiTestRunbooks.NO_SERIES_METRIC + "{}[5m])))");
  }

  @Test
  void refusesBadRequestsWithWhatToFix() {
    Map<String, Object> invalidSpec = Map.of("service", "checkout", "strategy", "rainbow", "stages", List.of());
    ResponseEntity<JsonNode> invalid = http.postForEntity("/api/rollouts",
        Map.of("spec", invalidSpec, "version", "1.0.0"), JsonNode.class);
    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(invalid.getBody().get("message").asText()).startsWith("the spec is invalid");
    assertThat(json.convertValue(invalid.getBody().get("errors"), List.class)).contains(
        "strategy: unknown strategy 'rainbow'; use one of feature-flag, canary, blue-green, staged-flags",
        "stages: a runbook needs at least one stage; this runbook has 0");

    ResponseEntity<JsonNode> unknown = http.postForEntity("/api/rollouts",
        Map.of("runbook", "payments", "version", "1.0.0"), JsonNode.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(json.convertValue(unknown.getBody().get("knownRunbooks"), List.class))
        .contains("analyzer-canary", "msia-element-system");

    ResponseEntity<JsonNode> noVersion = http.postForEntity("/api/rollouts", Map.of("runbook", "analyzer-canary"),
        JsonNode.class);
    assertThat(noVersion.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noVersion.getBody().get("message").asText()).contains("\"version\" is required");

    assertThat(http.getForEntity("/api/rollouts/nope-20260101-0000", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.postForEntity("/api/rollouts/nope-20260101-0000/abort", Map.of("reason", "x"), JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(anonymous.getForEntity("/api/rollouts", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private JsonNode status(String rolloutId) {
    ResponseEntity<JsonNode> response = http.getForEntity("/api/rollouts/" + rolloutId, JsonNode.class);
    if (response.getStatusCode() == HttpStatus.NOT_FOUND) {
      return json.createObjectNode();
    }
    assertThat(response.getStatusCode()).as("GET %s: %s", rolloutId, response.getBody()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }
}
