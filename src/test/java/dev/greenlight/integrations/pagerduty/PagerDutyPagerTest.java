package dev.greenlight.integrations.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.pagerduty.PageEvent.Action;
import dev.greenlight.integrations.pagerduty.PageEvent.Severity;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.Notifications;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** PagerDuty's Events API v2 played by a local HTTP server. */
class PagerDutyPagerTest {

  private static final Notifications.PagerDuty SERVICE = new Notifications.PagerDuty("PD_ROUTING_KEY");
  private static final String ACCEPTED =
      "{\"status\": \"success\", \"message\": \"Event processed\", \"dedup_key\": \"greenlight/r-1/inc-1\"}";

  private final ObjectMapper json = JsonMapper.builder().build();
  private final Secrets secrets =
      new Secrets(new MockEnvironment().withProperty("greenlight.secrets.PD_ROUTING_KEY", "R0UTINGKEY"));

  @Test
  void triggerPostsTheEventWithSeverityMappedFromPriority() throws Exception {
    try (LocalHttpServer pagerDuty = LocalHttpServer.start(request -> Response.json(202, ACCEPTED))) {
      PageReceipt receipt = pager(pagerDuty).send(SERVICE, trigger("inc-1", Severity.P2));

      assertThat(receipt).isEqualTo(new PageReceipt("greenlight/r-1/inc-1", "trigger", "success"));
      RecordedRequest request = pagerDuty.requests().get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/v2/enqueue");
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
      assertThat(request.header("Authorization")).isNull();
      assertThat(json.readTree(request.body())).isEqualTo(json.readTree("""
          {"routing_key": "R0UTINGKEY", "event_action": "trigger", "dedup_key": "greenlight/r-1/inc-1",
           "payload": {"summary": "checkout canary breached its error-rate gate", "source": "checkout",
                       "severity": "error", "custom_details": {"rolloutId": "r-1", "priority": "P2"}}}
          """));
    }
  }

  @Test
  void everyPriorityMapsToAPagerDutySeverity() {
    assertThat(Severity.values()).extracting(Severity::pagerDutySeverity)
        .containsExactly("critical", "error", "warning", "info");
  }

  @Test
  void aSecondTriggerGoesOutWithTheSameDedupKeyAndResolveClosesTheIncident() throws Exception {
    try (LocalHttpServer pagerDuty = LocalHttpServer.start(request -> Response.json(202, ACCEPTED))) {
      PagerDutyPager pager = pager(pagerDuty);
      pager.send(SERVICE, trigger("inc-1", Severity.P1));

      PageReceipt again = pager.send(SERVICE, trigger("inc-1", Severity.P1));
      PageReceipt resolved = pager.send(SERVICE,
          new PageEvent(Action.RESOLVE, "greenlight/r-1/inc-1", null, null, null, Map.of()));

      assertThat(again).as("PagerDuty folds it into the open incident").isEqualTo(
          new PageReceipt("greenlight/r-1/inc-1", "trigger", "success"));
      assertThat(resolved.status()).isEqualTo("success");
      assertThat(pagerDuty.requests()).hasSize(3);
      assertThat(json.readTree(pagerDuty.requests().get(1).body()).get("dedup_key").asText())
          .isEqualTo("greenlight/r-1/inc-1");
      JsonNode resolve = json.readTree(pagerDuty.requests().get(2).body());
      assertThat(resolve).isEqualTo(json.readTree("""
          {"routing_key": "R0UTINGKEY", "event_action": "resolve", "dedup_key": "greenlight/r-1/inc-1"}
          """));
    }
  }

  @Test
  void shortOutageIsRetried() {
    AtomicInteger calls = new AtomicInteger();
    try (LocalHttpServer pagerDuty = LocalHttpServer.start(request -> calls.incrementAndGet() < 3
        ? Response.json(503, "{\"status\": \"unavailable\"}")
        : Response.json(202, ACCEPTED))) {
      assertThat(pager(pagerDuty).send(SERVICE, trigger("inc-2", Severity.P3)).status()).isEqualTo("success");
      assertThat(pagerDuty.requests()).hasSize(3);
    }
  }

  @Test
  void lastingOutageFailsSayingNobodyWasPaged() {
    try (LocalHttpServer pagerDuty = LocalHttpServer.start(request -> Response.json(500, "{\"status\": \"error\"}"))) {
      assertThatThrownBy(() -> pager(pagerDuty).send(SERVICE, trigger("inc-3", Severity.P1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Nobody was paged: PagerDuty trigger of greenlight/r-1/inc-3 at "
              + pagerDuty.uri("/v2/enqueue") + " failed 4 time(s), last: HTTP 500")
          .hasMessageEndingWith("Page the on-call by hand, then retry the job once PagerDuty is reachable");
      assertThat(pagerDuty.requests()).hasSize(4);
    }
  }

  @Test
  void rejectedEventIsNotRetriedAndTheRoutingKeyNeverAppearsInTheMessage() {
    try (LocalHttpServer pagerDuty = LocalHttpServer.start(request ->
        Response.json(400, "{\"status\": \"invalid event\", \"errors\": [\"Invalid routing key\"]}"))) {
      assertThatThrownBy(() -> pager(pagerDuty).send(SERVICE, trigger("inc-4", Severity.P4)))
          .hasMessageContaining("Nobody was paged")
          .hasMessageContaining("refused with HTTP 400")
          .hasMessageContaining("Invalid routing key")
          .message().doesNotContain("R0UTINGKEY");
      assertThat(pagerDuty.requests()).hasSize(1);
    }
  }

  @Test
  void dedupKeyIsPerRolloutAndIncident() {
    assertThat(PageEvent.dedupKey("checkout-20261123-7f3a", "gate-breach"))
        .isEqualTo("greenlight/checkout-20261123-7f3a/gate-breach");
    assertThat(PageEvent.dedupKey("checkout-20261123-7f3a", null)).isEqualTo("greenlight/checkout-20261123-7f3a");
  }

  private PagerDutyPager pager(LocalHttpServer pagerDuty) {
    return new PagerDutyPager(new PagerDutyProperties(pagerDuty.uri(""), 4, Duration.ofMillis(20), Duration.ofSeconds(5)),
        new JsonHttp(json), secrets);
  }

  private static PageEvent trigger(String incidentId, Severity severity) {
    return new PageEvent(Action.TRIGGER, PageEvent.dedupKey("r-1", incidentId), severity,
        "checkout canary breached its error-rate gate", "checkout",
        Map.of("rolloutId", "r-1", "priority", severity.name()));
  }
}
