package dev.greenlight.api.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.integrations.release.webhook.WebhookSignature;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.ReleaseTarget;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.GreenlightSpringTest;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import dev.greenlight.workers.DeployVersionWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.value.MessageRecordValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The callback endpoint on the running server (no credentials: the signature is the authentication), with the embedded
 * engine's record stream as the witness of what was published.
 */
@GreenlightSpringTest
class ReleaseCallbackControllerTest {

  /** Same value as greenlight.secrets.RELEASE_PIPELINE_SECRET in application-test.yaml. */
  private static final String PIPELINE_SECRET = "test-pipeline-signing-secret";
  private static final String CALLBACK = "{\"status\":\"succeeded\",\"version\":\"1.4.2\",\"url\":\"https://ci.example/runs/77\"}";

  @LocalServerPort int port;
  @Autowired ZeebeTestEngine engine;
  @Autowired DeployVersionWorker deployVersion;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aSignedCallbackIsPublishedAsTheReleaseCallbackMessage() throws Exception {
    HttpResponse<String> response = post(uri("token-accepted"), CALLBACK, WebhookSignature.sign(PIPELINE_SECRET, bytes(CALLBACK)));

    assertThat(response.statusCode()).isEqualTo(202);
    MessageRecordValue message = awaitPublished("token-accepted");
    assertThat(message.getName()).isEqualTo(ReleaseCallbackController.MESSAGE_NAME);
    assertThat(message.getMessageId()).isEqualTo("token-accepted");
    assertThat(message.getVariables()).isEqualTo(Map.of(RolloutVariables.RELEASE_CALLBACK,
        Map.of("status", "succeeded", "version", "1.4.2", "url", "https://ci.example/runs/77")));
  }

  @Test
  void aBadOrMissingSignatureIsRejectedAndNothingIsPublished() throws Exception {
    String forged = WebhookSignature.sign("guessed-secret", bytes(CALLBACK));
    String signedOtherBody = WebhookSignature.sign(PIPELINE_SECRET, bytes(CALLBACK.replace("succeeded", "failed")));

    assertThat(post(uri("token-forged"), CALLBACK, forged).statusCode()).isEqualTo(401);
    assertThat(post(uri("token-forged"), CALLBACK, signedOtherBody).statusCode()).isEqualTo(401);
    HttpResponse<String> unsigned = post(uri("token-forged"), CALLBACK, null);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(unsigned.body()).contains("missing or wrong X-Greenlight-Signature");

    // a valid callback sent afterwards is in the stream; the rejected ones, sent before it, are not
    post(uri("token-after-forged"), CALLBACK, WebhookSignature.sign(PIPELINE_SECRET, bytes(CALLBACK)));
    awaitPublished("token-after-forged");
    assertThat(published("token-forged")).isEmpty();
  }

  @Test
  void aSignedButMalformedCallbackIsABadRequest() throws Exception {
    String body = "{\"status\":\"done\"}";

    HttpResponse<String> response = post(uri("token-malformed"), body, WebhookSignature.sign(PIPELINE_SECRET, bytes(body)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("status must be one of");
  }

  @Test
  void aRepeatedCallbackIsRefused() throws Exception {
    String signature = WebhookSignature.sign(PIPELINE_SECRET, bytes(CALLBACK));

    assertThat(post(uri("token-twice"), CALLBACK, signature).statusCode()).isEqualTo(202);
    HttpResponse<String> again = post(uri("token-twice"), CALLBACK, signature);

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(published("token-twice")).hasSize(1);
  }

  @Test
  void webhookDeployEndToEnd() throws Exception {
    CompletableFuture<Integer> callbackStatus = new CompletableFuture<>();
    try (LocalHttpServer pipeline = LocalHttpServer.start(trigger -> {
      // the stand-in pipeline: accepts the trigger, "deploys", then calls Greenlight back on its own thread
      if (WebhookSignature.verify(PIPELINE_SECRET, bytes(trigger.body()), trigger.header(WebhookSignature.HEADER))) {
        Thread.ofVirtual().start(() -> callBack(trigger, callbackStatus));
        return Response.json(202, "{\"run\":77}");
      }
      callbackStatus.complete(-1);
      return Response.text(401, "bad signature");
    })) {
      RunbookSpec runbook = new RunbookSpec("checkout", null, "webhook release", null, null, null,
          new ReleaseTarget(ReleaseTarget.ReleaseProvider.WEBHOOK, Duration.ofMinutes(10), null, null,
              new ReleaseTarget.Webhook(pipeline.uri("/hooks/release").toString(), "RELEASE_PIPELINE_SECRET"), null),
          null, null, List.of(), List.of(), null, null);
      ActivatedJob job = mock(ActivatedJob.class);
      when(job.getElementInstanceKey()).thenReturn(4242L);

      Map<String, Object> variables = deployVersion.deployVersion(job, runbook, "checkout-e2e", "1.4.2", null);

      String token = (String) variables.get(RolloutVariables.CALLBACK_TOKEN);
      assertThat(token).matches("[0-9a-f]{64}");
      RecordedRequest trigger = pipeline.requests().get(0);
      assertThat(WebhookSignature.verify(PIPELINE_SECRET, bytes(trigger.body()), trigger.header(WebhookSignature.HEADER)))
          .isTrue();
      assertThat(json.readValue(trigger.body(), Map.class))
          .containsEntry("callbackUrl", "http://127.0.0.1:" + port + "/api/callbacks/" + token);
      assertThat(callbackStatus.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(202);
      MessageRecordValue message = awaitPublished(token);
      assertThat(message.getName()).isEqualTo("release-callback");
      assertThat(message.getVariables()).containsEntry(RolloutVariables.RELEASE_CALLBACK,
          Map.of("status", "succeeded", "version", "1.4.2", "url", "https://ci.example/runs/77"));
    }
  }

  @SuppressWarnings("unchecked")
  private void callBack(RecordedRequest trigger, CompletableFuture<Integer> status) {
    try {
      Map<String, Object> payload = json.readValue(trigger.body(), Map.class);
      String body = "{\"status\":\"succeeded\",\"version\":\"" + payload.get("version")
          + "\",\"url\":\"https://ci.example/runs/77\"}";
      status.complete(post(URI.create((String) payload.get("callbackUrl")), body,
          WebhookSignature.sign(PIPELINE_SECRET, bytes(body))).statusCode());
    } catch (Exception e) {
      status.completeExceptionally(e);
    }
  }

  private MessageRecordValue awaitPublished(String token) {
    return await().atMost(Duration.ofSeconds(20)).until(() -> published(token), m -> !m.isEmpty()).get(0);
  }

  private List<MessageRecordValue> published(String correlationKey) {
    return new EngineRecords(engine).all().stream()
        .filter(r -> r.getValueType() == ValueType.MESSAGE && r.getRecordType() == RecordType.EVENT)
        .filter(r -> r.getIntent() == MessageIntent.PUBLISHED)
        .map(r -> (MessageRecordValue) r.getValue())
        .filter(m -> m.getCorrelationKey().equals(correlationKey))
        .toList();
  }

  private HttpResponse<String> post(URI uri, String body, String signature) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header(WebhookSignature.HEADER, signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String token) {
    return URI.create("http://127.0.0.1:" + port + "/api/callbacks/" + token);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
