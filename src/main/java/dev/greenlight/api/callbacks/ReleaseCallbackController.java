package dev.greenlight.api.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.spec.ReleaseTarget;
import dev.greenlight.integrations.release.webhook.CallbackEndpoint;
import dev.greenlight.integrations.release.webhook.WebhookSignature;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.secrets.Secrets;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/callbacks/{token}}: a pipeline triggered by a webhook release reports how it ended. The body must
 * carry {@code X-Greenlight-Signature: sha256=<hex HMAC-SHA256 of the body>} made with one of the secrets listed in
 * {@code greenlight.release.webhook.signing-secrets}; that signature is the caller's authentication (the endpoint is
 * open to unauthenticated callers otherwise). A signed, well-formed callback is published as the message
 * {@value #MESSAGE_NAME} with the token as correlation key and as message id, so a repeated callback is refused (409)
 * instead of reaching the process twice. It is buffered for the longest release deadline in case the process has not
 * reached its wait yet.
 */
@RestController
public class ReleaseCallbackController {

  public static final String MESSAGE_NAME = "release-callback";
  private static final Logger log = LoggerFactory.getLogger(ReleaseCallbackController.class);

  private final CamundaClient client;
  private final Secrets secrets;
  private final CallbackEndpoint callbacks;
  private final ObjectMapper json;

  public ReleaseCallbackController(CamundaClient client, Secrets secrets, CallbackEndpoint callbacks, ObjectMapper json) {
    this.client = client;
    this.secrets = secrets;
    this.callbacks = callbacks;
    this.json = json;
  }

  @PostMapping(CallbackEndpoint.PATH + "{token}")
  public ResponseEntity<Map<String, String>> callback(@PathVariable String token,
      @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
      @RequestBody(required = false) byte[] body) {
    byte[] payload = body == null ? new byte[0] : body;
    if (!signedByAllowedSecret(payload, signature)) {
      log.warn("Rejected a release callback with a missing or wrong {} header", WebhookSignature.HEADER);
      return answer(HttpStatus.UNAUTHORIZED, "missing or wrong " + WebhookSignature.HEADER
          + ": sign the exact body with HMAC-SHA256 and the webhook's signing secret, as sha256=<hex>");
    }
    ReleaseCallback callback;
    try {
      callback = json.readValue(payload, ReleaseCallback.class);
    } catch (JsonProcessingException e) {
      return answer(HttpStatus.BAD_REQUEST, "the body is not a JSON object with status, version and url: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the callback body", e);
    }
    String problem = callback.problem();
    if (problem != null) {
      return answer(HttpStatus.BAD_REQUEST, problem);
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(RolloutVariables.RELEASE_CALLBACK, callback);
    Optional.ofNullable(callback.previousVersion()).ifPresent(v -> variables.put(RolloutVariables.PREVIOUS_VERSION, v));
    try {
      client.newPublishMessageCommand().messageName(MESSAGE_NAME).correlationKey(token).messageId(token)
          .timeToLive(ReleaseTarget.LONGEST_DEADLINE).variables(variables).send().join();
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
        return answer(HttpStatus.CONFLICT, "a callback for this token was already received");
      }
      throw e;
    } catch (ClientHttpException e) {
      if (e.code() == HttpStatus.CONFLICT.value()) {
        return answer(HttpStatus.CONFLICT, "a callback for this token was already received");
      }
      throw e;
    }
    return answer(HttpStatus.ACCEPTED, "published " + MESSAGE_NAME);
  }

  private boolean signedByAllowedSecret(byte[] body, String signature) {
    boolean valid = false;
    for (String name : callbacks.signingSecretNames()) {
      Optional<String> secret = secrets.find(name);
      // every configured secret is checked, so the time taken does not reveal which one matched
      valid |= secret.isPresent() && WebhookSignature.verify(secret.get(), body, signature);
    }
    return valid;
  }

  private static ResponseEntity<Map<String, String>> answer(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("message", message));
  }
}
