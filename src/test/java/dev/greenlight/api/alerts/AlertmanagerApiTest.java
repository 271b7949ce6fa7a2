package dev.greenlight.api.alerts;

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
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.value.MessageRecordValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Alertmanager pushing alerts to the real endpoint: rollouts started through the rollouts API on the embedded engine,
 * published messages read back from the engine's record stream.
 */
@RolloutApiSpringTest
class AlertmanagerApiTest {

  static final String TOKEN = "test-alertmanager-token";

  @Autowired TestRestTemplate anonymous;
  @Autowired CamundaClient client;
  @Autowired ZeebeTestEngine engine;
  final ObjectMapper json = new ObjectMapper();
  TestRestTemplate api;
  String service;

  @BeforeEach
  void deployTheStandInProcess() {
    RolloutTestProcess.deploy(client);
    ApiTestRunbooks.write();
    api = anonymous.withBasicAuth(USER, PASSWORD);
    service = "alerted-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aFiringAlertForARolloutInterruptsItOnceWhateverAlertmanagerRepeats() throws Exception {
    String rolloutId = startRollout(service);
    String payload = webhook(alert("firing", "rollout", rolloutId, "HighErrorRate", "fp-" + service));

    ResponseEntity<JsonNode> pushed = push(payload, TOKEN);

    assertThat(pushed.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode alert = json.readTree("""
        {"name": "HighErrorRate", "summary": "5xx ratio above 1 %", "severity": "critical",
         "labels": {"alertname": "HighErrorRate", "severity": "critical", "rollout": "%s"}}
        """.replace("%s", rolloutId));
    assertThat(pushed.getBody().get("published")).isEqualTo(json.createArrayNode()
        .add(json.createObjectNode().put("rolloutId", rolloutId).set("alert", alert)));
    assertThat(pushed.getBody().get("unmatched")).isEmpty();
    MessageRecordValue message = await().atMost(Duration.ofSeconds(10))
        .until(() -> published(rolloutId), messages -> messages.size() == 1).getFirst();
    assertThat(message.getName()).isEqualTo("stage-alert");
    assertThat(message.getCorrelationKey()).isEqualTo(rolloutId);
    assertThat(message.getMessageId()).isEqualTo(rolloutId + "/fp-" + service);
    assertThat(message.getTimeToLive()).isEqualTo(Duration.ofMinutes(1).toMillis());
    JsonNode variables = json.valueToTree(message.getVariables());
    assertThat(variables).isEqualTo(json.createObjectNode().set("alert", alert));

    ResponseEntity<JsonNode> repeated = push(payload, TOKEN);

    assertThat(repeated.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(repeated.getBody().get("published")).isEmpty();
    assertThat(repeated.getBody().get("repeated").findValuesAsText("rolloutId")).containsExactly(rolloutId);
    assertThat(published(rolloutId)).hasSize(1);
  }

  @Test
  void aServiceLabelReachesEveryActiveRolloutOfThatService() throws Exception {
    String first = startRollout(service);
    String second = startRollout(service);
    String other = startRollout(service + "-other");

    ResponseEntity<JsonNode> pushed = push(webhook(alert("firing", "service", service, "HighLatency", "fp-svc")),
        TOKEN);

    assertThat(pushed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(pushed.getBody().get("published").findValuesAsText("rolloutId")).containsExactlyInAnyOrder(first,
        second);
    await().atMost(Duration.ofSeconds(10)).until(() -> published(first).size() == 1 && published(second).size() == 1);
    assertThat(published(other)).isEmpty();
  }

  @Test
  void resolvedAlertsAreIgnored() throws Exception {
    String rolloutId = startRollout(service);

    ResponseEntity<JsonNode> pushed = push(webhook(alert("resolved", "rollout", rolloutId, "HighErrorRate", "fp-r")),
        TOKEN);

    assertThat(pushed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(pushed.getBody().get("published")).isEmpty();
    assertThat(pushed.getBody().get("unmatched")).isEmpty();
    assertThat(published(rolloutId)).isEmpty();
  }

  @Test
  void aCallerWithoutTheTokenIsRefusedAndNothingIsPublished() throws Exception {
    String rolloutId = startRollout(service);
    String payload = webhook(alert("firing", "rollout", rolloutId, "HighErrorRate", "fp-t"));

    ResponseEntity<JsonNode> wrong = push(payload, "test-alertmanager-tokeN");
    ResponseEntity<JsonNode> missing = push(payload, null);
    ResponseEntity<JsonNode> basic = anonymous.withBasicAuth(USER, PASSWORD).exchange("/api/alerts/alertmanager",
        HttpMethod.POST, new HttpEntity<>(payload, jsonHeaders()), JsonNode.class);

    for (ResponseEntity<JsonNode> refused : List.of(wrong, missing, basic)) {
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(refused.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
      assertThat(refused.getBody().get("message").asText()).isEqualTo("Missing or wrong bearer token: Alertmanager"
          + " must send the token of secret ALERTMANAGER_TOKEN (http_config.authorization)");
    }
    assertThat(published(rolloutId)).isEmpty();
  }

  @Test
  void takesAlertmanagersOwnPayload() throws Exception {
    String rolloutId = startRollout(service);
    String payload = Files.readString(Path.of("src/test/resources/alerts/alertmanager-webhook.json"))
        .replace("ROLLOUT_ID", rolloutId);

    ResponseEntity<JsonNode> pushed = push(payload, TOKEN);

    assertThat(pushed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(pushed.getBody().get("published")).singleElement().satisfies(delivery -> {
      assertThat(delivery.get("rolloutId").asText()).isEqualTo(rolloutId);
      assertThat(delivery.at("/alert/name").asText()).isEqualTo("GreenlightCanaryErrorRate");
      assertThat(delivery.at("/alert/summary").asText()).isEqualTo("Canary error rate is 4.2 %");
      assertThat(delivery.at("/alert/severity").asText()).isEqualTo("page");
      assertThat(delivery.at("/alert/labels/instance").asText()).isEqualTo("analyzer-canary-0:3000");
    });
    assertThat(pushed.getBody().get("unmatched")).singleElement().satisfies(unmatched -> {
      assertThat(unmatched.at("/alert/name").asText()).isEqualTo("GreenlightCanaryLatency");
      assertThat(unmatched.get("reason").asText()).isEqualTo("no active rollout of service retired-analyzer");
    });
    MessageRecordValue message = await().atMost(Duration.ofSeconds(10))
        .until(() -> published(rolloutId), messages -> messages.size() == 1).getFirst();
    assertThat(message.getMessageId()).isEqualTo(rolloutId + "/6a8e1f4b2c9d0e37");
  }

  @Test
  void aBodyThatIsNotAWebhookIsABadRequest() {
    ResponseEntity<JsonNode> pushed = push("{\"alerts\": \"none\"}", TOKEN);

    assertThat(pushed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(pushed.getBody().get("message").asText())
        .startsWith("The body is not Alertmanager's webhook JSON ({\"version\": \"4\", \"status\", \"alerts\": [...]}): ");
  }

  private String startRollout(String serviceName) throws Exception {
    String yaml = ApiTestRunbooks.yaml("analyzer-canary")
        .replace("service: analyzer", "service: " + serviceName);
    ResponseEntity<JsonNode> started = api.postForEntity("/api/rollouts", Map.of("spec", yaml, "version", "1.0.0"),
        JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String rolloutId = started.getBody().get("rolloutId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonNode rollout = api.getForObject("/api/rollouts/" + rolloutId, JsonNode.class);
      return serviceName.equals(rollout.path("service").asText(null)) && rollout.path("state").asText().equals("active")
          && rollout.path("pendingDecisions").size() == 1;
    });
    return rolloutId;
  }

  private ResponseEntity<JsonNode> push(String payload, String token) {
    HttpHeaders headers = jsonHeaders();
    if (token != null) {
      headers.setBearerAuth(token);
    }
    return anonymous.exchange("/api/alerts/alertmanager", HttpMethod.POST, new HttpEntity<>(payload, headers),
        JsonNode.class);
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private List<MessageRecordValue> published(String rolloutId) {
    return new EngineRecords(engine).all().stream()
        .filter(r -> r.getValueType() == ValueType.MESSAGE && r.getRecordType() == RecordType.EVENT
            && r.getIntent() == MessageIntent.PUBLISHED)
        .map(r -> (MessageRecordValue) r.getValue())
        .filter(message -> message.getCorrelationKey().equals(rolloutId))
        .toList();
  }

  private static String alert(String status, String label, String value, String name, String fingerprint) {
    return """
        {"status": "%s",
         "labels": {"alertname": "%s", "severity": "critical", "%s": "%s"},
         "annotations": {"summary": "5xx ratio above 1 %%"},
         "startsAt": "2026-11-23T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
         "generatorURL": "http://prometheus:9090/graph", "fingerprint": "%s"}
        """.formatted(status, name, label, value, fingerprint);
  }

  private static String webhook(String alert) {
    return """
        {"version": "4", "groupKey": "{}:{alertname=\\"x\\"}", "truncatedAlerts": 0, "status": "firing",
         "receiver": "greenlight", "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {},
         "externalURL": "http://alertmanager:9093", "alerts": [%s]}
        """.formatted(alert);
  }
}
