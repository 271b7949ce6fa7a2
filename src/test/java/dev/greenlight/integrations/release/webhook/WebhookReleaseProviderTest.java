package dev.greenlight.integrations.release.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseResult;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The trigger a pipeline receives, checked on a local HTTP server standing in for the pipeline. */
class WebhookReleaseProviderTest {

  private static final String SECRET = "pipeline-secret";
  private final ObjectMapper json = new ObjectMapper();
  private final CallbackEndpoint callbacks =
      new CallbackEndpoint(new MockEnvironment().withProperty(CallbackEndpoint.PUBLIC_URL, "https://greenlight.example/"));

  @Test
  void postsASignedTriggerAndReturnsTheCallbackToken() throws Exception {
    try (LocalHttpServer pipeline = LocalHttpServer.start(request -> Response.json(202, "{\"run\":77}"))) {
      ReleaseResult result = provider(pipeline).deploy(ReleaseChange.deploy("checkout", "checkout-1", 31, "1.4.2"));

      RecordedRequest trigger = pipeline.requests().get(0);
      assertThat(trigger.method()).isEqualTo("POST");
      assertThat(trigger.path()).isEqualTo("/hooks/release");
      assertThat(trigger.header("Content-Type")).isEqualTo("application/json");
      assertThat(WebhookSignature.verify(SECRET, trigger.body().getBytes(StandardCharsets.UTF_8),
          trigger.header(WebhookSignature.HEADER))).isTrue();
      String token = WebhookReleaseProvider.callbackToken(SECRET, "checkout-1/31");
      assertThat(json.readValue(trigger.body(), Map.class)).isEqualTo(Map.of(
          "action", "deploy", "service", "checkout", "rolloutId", "checkout-1", "version", "1.4.2",
          "callbackUrl", "https://greenlight.example/api/callbacks/" + token));
      assertThat(result.callbackToken()).isEqualTo(token).hasSize(64);
      assertThat(result.version()).isEqualTo("1.4.2");
      assertThat(result.detail()).isEqualTo("pipeline triggered (HTTP 202); waiting for its callback");
    }
  }

  @Test
  void theTokenIsTheSameForARetriedJobAndDiffersPerJobAndSecret() {
    assertThat(WebhookReleaseProvider.callbackToken(SECRET, "checkout-1/31"))
        .isEqualTo(WebhookReleaseProvider.callbackToken(SECRET, "checkout-1/31"))
        .isNotEqualTo(WebhookReleaseProvider.callbackToken(SECRET, "checkout-1/32"))
        .isNotEqualTo(WebhookReleaseProvider.callbackToken("another-secret", "checkout-1/31"));
  }

  @Test
  void scaleAndRevertCarryTheirValues() throws Exception {
    try (LocalHttpServer pipeline = LocalHttpServer.start(request -> Response.json(200, "{}"))) {
      provider(pipeline).scale(ReleaseChange.scale("checkout", "checkout-1", 32, 4));
      provider(pipeline).revert(ReleaseChange.revert("checkout", "checkout-1", 33, "1.4.2", "1.4.1"));

      assertThat(json.readValue(pipeline.requests().get(0).body(), Map.class))
          .containsEntry("action", "scale").containsEntry("replicas", 4).doesNotContainKey("version");
      assertThat(json.readValue(pipeline.requests().get(1).body(), Map.class))
          .containsEntry("action", "revert").containsEntry("version", "1.4.2").containsEntry("previousVersion", "1.4.1");
    }
  }

  @Test
  void aRefusedOrUnreachablePipelineIsATechnicalFailure() {
    try (LocalHttpServer pipeline = LocalHttpServer.start(request -> Response.text(403, "bad signature"))) {
      assertThatThrownBy(() -> provider(pipeline).deploy(ReleaseChange.deploy("checkout", "checkout-1", 31, "1.4.2")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("refused the deploy trigger with HTTP 403: bad signature");
    }
    WebhookReleaseProvider unreachable = new WebhookReleaseProvider(java.net.URI.create("http://127.0.0.1:1/hooks"),
        SECRET, callbacks, new JsonHttp(json), null);
    assertThatThrownBy(() -> unreachable.deploy(ReleaseChange.deploy("checkout", "checkout-1", 31, "1.4.2")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Triggering the pipeline failed: POST http://127.0.0.1:1/hooks");
  }

  private WebhookReleaseProvider provider(LocalHttpServer pipeline) {
    return new WebhookReleaseProvider(pipeline.uri("/hooks/release"), SECRET, callbacks, new JsonHttp(json), null);
  }
}
