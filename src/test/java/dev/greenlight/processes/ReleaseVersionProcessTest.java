package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.integrations.release.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code release-version} with a CI/CD pipeline: the worker only triggers it, the process waits for the pipeline's
 * signed callback at Greenlight's real HTTP endpoint, or for the runbook's release deadline.
 */
class ReleaseVersionProcessTest extends RunbookProcessTest {

  static final String PIPELINE_SECRET = "test-pipeline-signing-secret";
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theRolloutGoesOnWhenThePipelineReportsSuccess() throws Exception {
    Rollout rollout = start("canary-pipeline", Map.of());

    callBack(trigger(), "succeeded");

    assertThat(driver.path(rollout.key())).contains("pipeline-called-back", "pipeline-succeeded", "version-live",
        "smoke-test-canary", "shift-to-stage-weight");
    assertThat(SERVICE.canaryWeight()).isEqualTo(1);
  }

  @Test
  void aFailedPipelineRollsBack() throws Exception {
    Rollout rollout = start("canary-pipeline", Map.of());

    callBack(trigger(), "failed");

    assertThat(driver.path(rollout.key())).contains("pipeline-failed", "deploy-failed", "rolled-back")
        .doesNotContain("smoke-test-canary");
  }

  @Test
  void aPipelineThatNeverAnswersRollsBackAtTheDeadline() {
    Rollout rollout = start("canary-pipeline", Map.of());
    trigger();

    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    assertThat(driver.path(rollout.key())).contains("pipeline-deadline", "pipeline-timed-out", "rolled-back");
    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
  }

  /** The trigger the pipeline received: signed with the shared secret, naming where to call back. */
  private JsonNode trigger() {
    var request = await().atMost(Duration.ofSeconds(10))
        .until(() -> SERVICE.requests("POST", "/pipeline"), requests -> !requests.isEmpty()).getLast();
    assertThat(request.header(WebhookSignature.HEADER))
        .isEqualTo(WebhookSignature.sign(PIPELINE_SECRET, request.body().getBytes(StandardCharsets.UTF_8)));
    try {
      return JSON.readTree(request.body());
    } catch (Exception e) {
      throw new AssertionError("The trigger is not JSON: " + request.body(), e);
    }
  }

  private void callBack(JsonNode trigger, String status) throws Exception {
    byte[] body = JSON.writeValueAsBytes(Map.of("status", status, "version", "2.0.0", "url", "https://ci/runs/1"));
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(trigger.get("callbackUrl").asText()))
            .header("Content-Type", "application/json")
            .header(WebhookSignature.HEADER, WebhookSignature.sign(PIPELINE_SECRET, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    driver.settle();
  }
}
