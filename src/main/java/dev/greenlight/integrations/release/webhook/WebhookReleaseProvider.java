package dev.greenlight.integrations.release.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.JsonHttp.Reply;
import dev.greenlight.integrations.release.ReleaseAction;
import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseProvider;
import dev.greenlight.integrations.release.ReleaseResult;
import dev.greenlight.time.Stopwatch;
import dev.greenlight.integrations.traffic.Side;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
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
  private final JsonHttp http;
  private final Side side;

  /** @param side blue-green: the side being released to, sent as {@code side}; null otherwise */
  public WebhookReleaseProvider(URI url, String secret, CallbackEndpoint callbacks, JsonHttp http, Side side) {
    this.url = url;
    this.secret = secret;
    this.callbacks = callbacks;
    this.http = http;
    this.side = side;
  }

  /**
   * The body POSTed to the pipeline.
   *
   * @param action deploy, revert, restart or scale
   * @param version deploy: the version to deploy; revert: the version being abandoned
   * @param previousVersion revert: the version to return to
   * @param replicas scale: the number of instances wanted
   * @param side blue-green: the side (blue or green) to release to
   * @param callbackUrl where to POST the signed result ({@code status}, {@code version}, {@code url})
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Trigger(String action, String service, String rolloutId, String version, String previousVersion,
      Integer replicas, String side, String callbackUrl) {}

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
    Stopwatch started = Stopwatch.start();
    String token = callbackToken(secret, change.changeId());
    byte[] body = body(new Trigger(action.wireName(), change.service(), change.rolloutId(), change.version(),
        change.previousVersion(), change.replicas(), side == null ? null : side.label(),
        callbacks.url(token).toString()));
    HttpRequest request = http.request(url)
        .timeout(TRIGGER_TIMEOUT)
        .header("Content-Type", "application/json")
        .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    Reply reply;
    try {
      reply = http.send(request);
    } catch (IOException e) {
      throw new IllegalStateException("Triggering the pipeline failed: POST " + url + ": " + e
          + ". Check release.webhook.url and that the pipeline is reachable from Greenlight", e);
    }
    if (!reply.successful()) {
      throw new IllegalStateException("The pipeline at " + url + " refused the " + action.wireName() + " trigger with "
          + "HTTP " + reply.status() + ": " + reply.excerpt()
          + ". Check the pipeline's logs and the signing secret (release.webhook.signingSecret)");
    }
    return new ReleaseResult(action.wireName(), PROVIDER, liveVersion, null, token, null, null,
        "pipeline triggered (HTTP " + reply.status() + "); waiting for its callback",
        started.elapsed().toMillis());
  }

  private byte[] body(Trigger trigger) {
    try {
      return http.json().writeValueAsBytes(trigger);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write the pipeline trigger as JSON", e);
    }
  }
}
