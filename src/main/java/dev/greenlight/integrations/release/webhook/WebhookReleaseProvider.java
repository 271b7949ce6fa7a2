package dev.greenlight.integrations.release.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.integrations.release.ReleaseAction;
import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseProvider;
import dev.greenlight.integrations.release.ReleaseResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Hands a release to an outside CI/CD pipeline ({@code release.webhook}): POSTs a signed JSON trigger and returns at
 * once with a callback token. The pipeline reports back by POSTing a signed body to the callback URL in the trigger;
 * {@code dev.greenlight.api.callbacks.ReleaseCallbackController} turns that into the message {@code release-callback}
 * correlated on the token. Waiting for it, with the spec's deadline as a timer, is the process's job.
 *
 * <p>The token is derived from the signing secret and the change id: unguessable without the secret, and the same when
 * a job is retried, so a pipeline sees a repeated trigger as the same request and its one callback still reaches the
 * process waiting on that token.
 */
public class WebhookReleaseProvider implements ReleaseProvider {

  private static final String PROVIDER = "webhook";
  private static final Duration TRIGGER_TIMEOUT = Duration.ofSeconds(15);

  private final URI url;
  private final String secret;
  private final CallbackEndpoint callbacks;
  private final HttpClient http;
  private final ObjectMapper json;

  public WebhookReleaseProvider(URI url, String secret, CallbackEndpoint callbacks, HttpClient http, ObjectMapper json) {
    this.url = url;
    this.secret = secret;
    this.callbacks = callbacks;
    this.http = http;
    this.json = json;
  }

  /**
   * The body POSTed to the pipeline.
   *
   * @param action deploy, revert, restart or scale
   * @param version deploy: the version to deploy; revert: the version being abandoned
   * @param previousVersion revert: the version to return to
   * @param replicas scale: the number of instances wanted
   * @param callbackUrl where to POST the signed result ({@code status}, {@code version}, {@code url})
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Trigger(String action, String service, String rolloutId, String version, String previousVersion,
      Integer replicas, String callbackUrl) {}

  @Override
  public ReleaseResult deploy(ReleaseChange change) {
    return trigger(ReleaseAction.DEPLOY, change, change.version());
  }

  @Override
  public ReleaseResult revert(ReleaseChange change) {
    return trigger(ReleaseAction.REVERT, change, change.previousVersion());
  }

  @Override
  public ReleaseResult restart(ReleaseChange change) {
    return trigger(ReleaseAction.RESTART, change, null);
  }

  @Override
  public ReleaseResult scale(ReleaseChange change) {
    return trigger(ReleaseAction.SCALE, change, null);
  }

  /** The callback token of a change: hex of HMAC(secret, "release-callback:" + change id). */
  public static String callbackToken(String secret, String changeId) {
    return HexFormat.of().formatHex(
        WebhookSignature.hmac(secret, ("release-callback:" + changeId).getBytes(StandardCharsets.UTF_8)));
  }

  private ReleaseResult trigger(ReleaseAction action, ReleaseChange change, String liveVersion) {
    long started = System.nanoTime();
    String token = callbackToken(secret, change.changeId());
    byte[] body = body(new Trigger(action.wireName(), change.service(), change.rolloutId(), change.version(),
        change.previousVersion(), change.replicas(), callbacks.url(token).toString()));
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(TRIGGER_TIMEOUT)
        .header("Content-Type", "application/json")
        .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Triggering the pipeline failed: POST " + url + ": " + e
          + ". Check release.webhook.url and that the pipeline is reachable from Greenlight", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while triggering the pipeline at " + url, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("The pipeline at " + url + " refused the " + action.wireName() + " trigger with "
          + "HTTP " + response.statusCode() + ": " + abbreviate(response.body())
          + ". Check the pipeline's logs and the signing secret (release.webhook.signingSecret)");
    }
    return new ReleaseResult(action.wireName(), PROVIDER, liveVersion, null, token, null, null,
        "pipeline triggered (HTTP " + response.statusCode() + "); waiting for its callback",
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  private byte[] body(Trigger trigger) {
    try {
      return json.writeValueAsBytes(trigger);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write the pipeline trigger as JSON", e);
    }
  }

  private static String abbreviate(String body) {
    String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
  }
}
