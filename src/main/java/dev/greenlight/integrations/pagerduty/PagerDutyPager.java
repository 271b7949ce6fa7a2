package dev.greenlight.integrations.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.JsonHttp.Reply;
import dev.greenlight.integrations.RetryPolicy;
import dev.greenlight.integrations.RetryPolicy.RetriesExhaustedException;
import dev.greenlight.integrations.RetryPolicy.TransientFailure;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.Notifications;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pages the on-call through PagerDuty's Events API v2. Unlike Slack, a page that cannot be delivered fails: nobody
 * would be paged otherwise, so the failure must surface as an incident someone sees.
 */
@Component
public class PagerDutyPager {

  private static final Logger log = LoggerFactory.getLogger(PagerDutyPager.class);

  /** PagerDuty rejects longer summaries. */
  private static final int SUMMARY_LIMIT = 1024;

  private final JsonHttp http;
  private final URI enqueueUrl;
  private final RetryPolicy retry;
  private final Secrets secrets;
  private final Set<String> triggeredKeys = ConcurrentHashMap.newKeySet();

  public PagerDutyPager(PagerDutyProperties properties, JsonHttp http, Secrets secrets) {
    this.http = http.withTimeout(properties.timeout());
    this.enqueueUrl = properties.enqueueUrl();
    this.retry = new RetryPolicy(properties.attempts(), properties.backoff());
    this.secrets = secrets;
  }

  /**
   * Sends the event. A trigger for a key this process already triggered is not sent again.
   *
   * @throws IllegalStateException when PagerDuty could not be reached or refused the event: nobody was paged
   */
  public PageReceipt send(Notifications.PagerDuty target, PageEvent event) {
    if (target == null || target.routingKeySecret() == null || target.routingKeySecret().isBlank()) {
      log.warn("Nobody was paged for {}: the runbook has no notifications.pagerDuty", event.dedupKey());
      return new PageReceipt(event.dedupKey(), event.action().wireName(), PageReceipt.NOT_CONFIGURED);
    }
    if (event.action() == PageEvent.Action.TRIGGER && triggeredKeys.contains(event.dedupKey())) {
      return new PageReceipt(event.dedupKey(), event.action().wireName(), PageReceipt.ALREADY_TRIGGERED);
    }
    JsonNode body = body(secrets.require(target.routingKeySecret()), event);
    String call = "PagerDuty " + event.action().wireName() + " of " + event.dedupKey() + " at " + enqueueUrl;
    Reply reply;
    try {
      reply = retry.run(call, () -> enqueueOnce(call, body));
    } catch (RetriesExhaustedException e) {
      throw new IllegalStateException("Nobody was paged: " + e.getMessage()
          + ". Page the on-call by hand, then retry the job once PagerDuty is reachable", e);
    }
    switch (event.action()) {
      case TRIGGER -> triggeredKeys.add(event.dedupKey());
      case RESOLVE -> triggeredKeys.remove(event.dedupKey());
      case ACKNOWLEDGE -> { }
    }
    String status = Optional.ofNullable(reply.body().get("status")).map(JsonNode::asText).orElse("accepted");
    return new PageReceipt(event.dedupKey(), event.action().wireName(), status);
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
