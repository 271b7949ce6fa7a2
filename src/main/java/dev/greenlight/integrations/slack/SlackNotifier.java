package dev.greenlight.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.greenlight.integrations.BackgroundRetries;
import dev.greenlight.integrations.RetryPolicy;
import dev.greenlight.integrations.RetryPolicy.TransientFailure;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.Notifications;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Posts rollout notifications to a Slack channel ({@code chat.postMessage} with Block Kit). A notification must never
 * hold up or fail a rollout: a message Slack does not take at once for a passing reason (unreachable, rate limited,
 * 5xx) is reported as not delivered yet and tried again in the background within {@link SlackProperties}' bounds.
 */
@Component
public class SlackNotifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);
  private static final String CHANNEL = "slack";
  /** Why a message of a runbook without a Slack channel was not sent: the section is optional. */
  public static final String NOT_CONFIGURED = "not configured: the runbook has no notifications.slack.channel";
  /** Slack's {@code error} values that say "try again later" rather than "this request is wrong". */
  private static final Set<String> TRANSIENT_ERRORS =
      Set.of("ratelimited", "internal_error", "service_unavailable", "fatal_error", "request_timeout");

  private final Slack slack;
  private final RetryPolicy retry;
  private final BackgroundRetries background;
  private final Secrets secrets;
  private final Optional<String> operateUrl;
  private final Set<String> deliveredKeys = ConcurrentHashMap.newKeySet();

  /** @param operateUrl Operate's address ({@code greenlight.operate-url}); messages link to the rollout there */
  public SlackNotifier(SlackProperties properties, Secrets secrets, BackgroundRetries background,
      @Value("${greenlight.operate-url:}") String operateUrl) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(properties.methodsEndpointUrlPrefix());
    config.setHttpClientCallTimeoutMillis((int) properties.callTimeout().toMillis());
    config.getMethodsConfig().setStatsEnabled(false);
    this.slack = Slack.getInstance(config);
    this.retry = new RetryPolicy(properties.attempts(), properties.backoff());
    this.background = background;
    this.secrets = secrets;
    this.operateUrl = operateUrl.isBlank() ? Optional.empty() : Optional.of(operateUrl.replaceAll("/+$", ""));
  }

  /**
   * Posts the message once per {@code deliveryKey}: a retried job whose message already went out (or is being tried
   * again in the background) is not posted again. Never throws for a Slack problem and never waits out an outage; the
   * result says whether Slack accepted the message.
   */
  public SlackDelivery post(Notifications.Slack target, SlackMessage message, String deliveryKey) {
    if (deliveredKeys.contains(deliveryKey)) {
      return SlackDelivery.accepted();
    }
    if (target == null || target.channel() == null || target.channel().isBlank()) {
      return notConfigured(message);
    }
    Optional<String> token = secrets.find(target.tokenSecret());
    if (token.isEmpty()) {
      return notDelivered(message, "the Slack token secret '" + target.tokenSecret() + "' is not configured "
          + "(notifications.slack.tokenSecret)");
    }
    ChatPostMessageRequest request = request(target, message);
    try {
      boolean posted = background.tryNowThenInBackground(CHANNEL, "Slack chat.postMessage to " + target.channel()
          + " for rollout " + message.rolloutId(), retry, () -> postOnce(token.get(), request)).isPresent();
      deliveredKeys.add(deliveryKey);
      return posted ? SlackDelivery.accepted()
          : notDelivered(message, "Slack did not take the message at once; it is tried again in the background");
    } catch (SlackRejectedException e) {
      return notDelivered(message, e.getMessage());
    }
  }

  /**
   * Posts the message in the background, the first try included: for callers that must not wait even for one call
   * (a rollout's end, a failure notice). Once per {@code deliveryKey}, like {@link #post}.
   */
  public void postInBackground(Notifications.Slack target, SlackMessage message, String deliveryKey) {
    if (target == null || target.channel() == null || target.channel().isBlank()) {
      notConfigured(message);
      return;
    }
    Optional<String> token = secrets.find(target.tokenSecret());
    if (token.isEmpty()) {
      notDelivered(message, "the Slack token secret '" + target.tokenSecret() + "' is not configured "
          + "(notifications.slack.tokenSecret)");
      return;
    }
    if (deliveredKeys.add(deliveryKey)) {
      background.tryInBackground(CHANNEL, "Slack chat.postMessage to " + target.channel() + " for rollout "
          + message.rolloutId(), retry, () -> postOnce(token.get(), request(target, message)));
    }
  }

  private ChatPostMessageRequest request(Notifications.Slack target, SlackMessage message) {
    return ChatPostMessageRequest.builder()
        .channel(target.channel())
        .text(message.text())
        .blocks(SlackBlocks.of(message, operateLink(message)))
        .build();
  }

  private ChatPostMessageResponse postOnce(String token, ChatPostMessageRequest request) throws TransientFailure {
    ChatPostMessageResponse response;
    try {
      response = slack.methods(token).chatPostMessage(request);
    } catch (IOException e) {
      throw new TransientFailure("Slack unreachable: " + e, e);
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      if (status == 429 || status >= 500) {
        throw new TransientFailure("Slack answered HTTP " + status, e);
      }
      throw new SlackRejectedException("Slack answered HTTP " + status + ": " + e.getResponseBody());
    }
    if (response.isOk()) {
      return response;
    }
    if (TRANSIENT_ERRORS.contains(response.getError())) {
      throw new TransientFailure("Slack answered error " + response.getError(), null);
    }
    throw new SlackRejectedException("Slack refused the message: " + response.getError()
        + " (check the channel and the bot token's scopes and membership)");
  }

  private SlackDelivery notConfigured(SlackMessage message) {
    log.info("Slack not configured (the runbook has no notifications.slack): rollout {} message not sent: {}",
        message.rolloutId(), message.text());
    return SlackDelivery.failed(NOT_CONFIGURED);
  }

  private SlackDelivery notDelivered(SlackMessage message, String reason) {
    log.warn("Slack notification of rollout {} not delivered: {}", message.rolloutId(), reason);
    return SlackDelivery.failed(reason);
  }

  private Optional<String> operateLink(SlackMessage message) {
    return message.processInstanceKey() == null
        ? Optional.empty()
        : operateUrl.map(url -> url + "/processes/" + message.processInstanceKey());
  }

  @Override
  public void close() throws Exception {
    slack.close();
  }

  /** Slack answered that the request itself is wrong; trying again would not help. */
  private static class SlackRejectedException extends RuntimeException {
    SlackRejectedException(String message) {
      super(message);
    }
  }
}
