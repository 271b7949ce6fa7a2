package dev.greenlight.integrations.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.integrations.BackgroundRetries;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.JsonHttp.Reply;
import dev.greenlight.integrations.RetryPolicy;
import dev.greenlight.integrations.RetryPolicy.TransientFailure;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.Notifications;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pages the on-call through PagerDuty's Events API v2. An event PagerDuty does not take at once for a passing reason
 * (unreachable, rate limited, 5xx) is tried again in the background within {@link PagerDutyProperties}' bounds, so a
 * page never holds up a rollback; the receipt says {@value PageReceipt#RETRYING}. An event PagerDuty refuses (a wrong
 * routing key) fails at once: nobody would be paged, and that must surface where someone sees it.
 */
@Component
public class PagerDutyPager {

  private static final Logger log = LoggerFactory.getLogger(PagerDutyPager.class);
  private static final String CHANNEL = "pagerduty";

  /** PagerDuty rejects longer summaries. */
  private static final int SUMMARY_LIMIT = 1024;

  private final JsonHttp http;
  private final URI enqueueUrl;
  private final RetryPolicy retry;
  private final BackgroundRetries background;
  private final Secrets secrets;
  private final Set<String> triggeredKeys = ConcurrentHashMap.newKeySet();

  public PagerDutyPager(PagerDutyProperties properties, JsonHttp http, Secrets secrets, BackgroundRetries background) {
    this.http = http.withTimeout(properties.timeout());
    this.enqueueUrl = properties.enqueueUrl();
    this.retry = new RetryPolicy(properties.attempts(), properties.backoff());
    this.background = background;
    this.secrets = secrets;
  }

  /**
   * Sends the event. A trigger for a key this process already triggered (or is still trying to) is not sent again.
   *
   * @throws IllegalStateException when PagerDuty refused the event: nobody was paged
   */
  public PageReceipt send(Notifications.PagerDuty target, PageEvent event) {
    if (target == null || target.routingKeySecret() == null || target.routingKeySecret().isBlank()) {
      log.info("PagerDuty not configured (the runbook has no notifications.pagerDuty): nobody was paged for {}",
          event.dedupKey());
      return new PageReceipt(event.dedupKey(), event.action().wireName(), PageReceipt.NOT_CONFIGURED);
    }
    if (event.action() == PageEvent.Action.TRIGGER && triggeredKeys.contains(event.dedupKey())) {
      return new PageReceipt(event.dedupKey(), event.action().wireName(), PageReceipt.ALREADY_TRIGGERED);
    }
    JsonNode body = body(secrets.require(target.routingKeySecret()), event);
    String call = "PagerDuty " + event.action().wireName() + " of " + event.dedupKey() + " at " + enqueueUrl;
    Optional<Reply> reply = background.tryNowThenInBackground(CHANNEL, call, retry, () -> enqueueOnce(call, body));
    switch (event.action()) {
      case TRIGGER -> triggeredKeys.add(event.dedupKey());
      case RESOLVE -> triggeredKeys.remove(event.dedupKey());
      case ACKNOWLEDGE -> { }
    }
    if (reply.isEmpty()) {
      return new PageReceipt(event.dedupKey(), event.action().wireName(), PageReceipt.RETRYING);
    }
    String status = Optional.ofNullable(reply.get().body().get("status")).map(JsonNode::asText).orElse("accepted");
    return new PageReceipt(event.dedupKey(), event.action().wireName(), status);
  }

  /**
   * Resolves the pages this process triggered, and has not resolved, whose dedup key starts with the prefix: pages of
   * a step that a cancelled process can no longer resolve itself.
   */
  public List<PageReceipt> resolveTriggered(Notifications.PagerDuty target, String dedupKeyPrefix) {
    return triggeredKeys.stream().filter(key -> key.startsWith(dedupKeyPrefix)).sorted().toList().stream()
        .map(key -> send(target, new PageEvent(PageEvent.Action.RESOLVE, key, null, null, null, Map.of())))
        .toList();
  }

  private Reply enqueueOnce(String call, JsonNode body) throws TransientFailure {
    Reply reply;
    try {
      reply = http.send("POST", enqueueUrl, Optional.empty(), body);
    } catch (IOException e) {
      throw new TransientFailure("unreachable: " + e, e);
    }
    if (reply.status() == 429 || reply.status() >= 500) {
      throw new TransientFailure("HTTP " + reply.status() + ": " + reply.excerpt(), null);
    }
    if (!reply.successful()) {
      throw new IllegalStateException("Nobody was paged: " + call + " was refused with HTTP " + reply.status() + ": "
          + reply.excerpt() + " (check the routing key in notifications.pagerDuty.routingKeySecret)");
    }
    return reply;
  }

  private JsonNode body(String routingKey, PageEvent event) {
    ObjectNode body = http.json().createObjectNode()
        .put("routing_key", routingKey)
        .put("event_action", event.action().wireName())
        .put("dedup_key", event.dedupKey());
    if (event.action() == PageEvent.Action.TRIGGER) {
      ObjectNode payload = body.putObject("payload")
          .put("summary", abbreviated(event.summary()))
          .put("source", event.source())
          .put("severity", event.severity().pagerDutySeverity());
      payload.set("custom_details", http.json().valueToTree(event.details()));
    }
    return body;
  }

  private static String abbreviated(String summary) {
    return summary.length() <= SUMMARY_LIMIT ? summary : summary.substring(0, SUMMARY_LIMIT - 1) + "…";
  }
}
