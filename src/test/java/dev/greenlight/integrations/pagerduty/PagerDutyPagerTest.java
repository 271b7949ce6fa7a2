package dev.greenlight.integrations.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.integrations.BackgroundRetries;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.pagerduty.PageEvent.Action;
import dev.greenlight.integrations.pagerduty.PageEvent.Severity;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.Notifications;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** PagerDuty's Events API v2 played by a local HTTP server. */
class PagerDutyPagerTest {

  private static final Notifications.PagerDuty SERVICE = new Notifications.PagerDuty("PD_ROUTING_KEY");
  private static final String ACCEPTED =
      "{\"status\": \"success\", \"message\": \"Event processed\", \"dedup_key\": \"greenlight/r-1/inc-1\"}";

  private final ObjectMapper json = JsonMapper.builder().build();
  private final BackgroundRetries background = new BackgroundRetries(new SimpleMeterRegistry());
  private final Secrets secrets =
      new Secrets(new MockEnvironment().withProperty("greenlight.secrets.PD_ROUTING_KEY", "R0UTINGKEY"));

  @AfterEach
  void stopBackgroundRetries() {
    background.close();
  }

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
  void aPageOfAnIncidentWithoutARolloutIsKeyedByTheIncidentAlone() {
    assertThat(PageEvent.dedupKey(null, "ledger-incident-1-page-2")).isEqualTo(
        "greenlight/incidents/ledger-incident-1-page-2");
    assertThat(PageEvent.dedupKey("ledger-1", "ledger-incident-1-page-2")).isEqualTo(
        "greenlight/ledger-1/ledger-incident-1-page-2");
    assertThatThrownBy(() -> PageEvent.dedupKey(" ", null)).hasMessage("A page needs the rollout id (variable"
        + " rolloutId) or the incident id (variable incidentId) for its dedup key");
  }

  @Test
  void everyPriorityMapsToAPagerDutySeverity() {
    assertThat(Severity.values()).extracting(Severity::pagerDutySeverity)
        .containsExactly("critical", "error", "warning", "info");
  }

  @Test
  void secondTriggerOfTheSameIncidentIsNotSentButResolveIs() throws Exception {
    try (LocalHttpServer pagerDuty = LocalHttpServer.start(request -> Response.json(202, ACCEPTED))) {
      PagerDutyPager pager = pager(pagerDuty);
      pager.send(SERVICE, trigger("inc-1", Severity.P1));

      PageReceipt again = pager.send(SERVICE, trigger("inc-1", Severity.P1));
      PageReceipt resolved = pager.send(SERVICE,
          new PageEvent(Action.RESOLVE, "greenlight/r-1/inc-1", null, null, null, Map.of()));

      assertThat(again.status()).isEqualTo(PageReceipt.ALREADY_TRIGGERED);
      assertThat(resolved.status()).isEqualTo("success");
      assertThat(pagerDuty.requests()).hasSize(2);
      JsonNode resolve = json.readTree(pagerDuty.requests().get(1).body());
      assertThat(resolve).isEqualTo(json.readTree("""
          {"routing_key": "R0UTINGKEY", "event_action": "resolve", "dedup_key": "greenlight/r-1/inc-1"}
          """));
    }
  }

  @Test
  void shortOutageIsRiddenOutInTheBackground() {
    AtomicInteger calls = new AtomicInteger();
    try (LocalHttpServer pagerDuty = LocalHttpServer.start(request -> calls.incrementAndGet() < 3
        ? Response.json(503, "{\"status\": \"unavailable\"}")
        : Response.json(202, ACCEPTED))) {
      PagerDutyPager pager = pager(pagerDuty);
      assertThat(pager.send(SERVICE, trigger("inc-2", Severity.P3)).status()).isEqualTo(PageReceipt.RETRYING);
      await().atMost(Duration.ofSeconds(5)).until(() -> pagerDuty.requests().size() == 3);
      assertThat(pager.send(SERVICE, trigger("inc-2", Severity.P3)).status()).as("not triggered twice")
          .isEqualTo(PageReceipt.ALREADY_TRIGGERED);
    }
  }

  @Test
  void lastingOutageIsNeverWaitedOutAndGivenUpAfterTheAttempts() throws Exception {
    try (LocalHttpServer pagerDuty = LocalHttpServer.start(request -> Response.json(500, "{\"status\": \"error\"}"))) {
      long started = System.nanoTime();
      assertThat(pager(pagerDuty).send(SERVICE, trigger("inc-3", Severity.P1)).status())
          .isEqualTo(PageReceipt.RETRYING);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      await().atMost(Duration.ofSeconds(5)).until(() -> pagerDuty.requests().size() == 4);
      Thread.sleep(300);
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
        new JsonHttp(json), secrets, background);
  }

  private static PageEvent trigger(String incidentId, Severity severity) {
    return new PageEvent(Action.TRIGGER, PageEvent.dedupKey("r-1", incidentId), severity,
        "checkout canary breached its error-rate gate", "checkout",
        Map.of("rolloutId", "r-1", "priority", severity.name()));
  }
}
