package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.pagerduty.PageReceipt;
import dev.greenlight.integrations.pagerduty.PagerDutyPager;
import dev.greenlight.integrations.pagerduty.PagerDutyProperties;
import dev.greenlight.integrations.BackgroundRetries;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.Notifications;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import io.camunda.client.api.response.ActivatedJob;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PageOncallWorkerTest {

  private static final RunbookSpec RUNBOOK = new RunbookSpec("checkout", null, null, null, null, null, null, null,
      null, null, null, null, new Notifications(null, new Notifications.PagerDuty("PD_ROUTING_KEY"), null));

  private final ObjectMapper json = JsonMapper.builder().build();
  private final Map<Long, Map<String, Object>> engine = new HashMap<>();
  private final JobReceipts receipts = new JobReceipts(engine::put);
  private final ActivatedJob job = job(Map.of());

  @Test
  void triggersOnceAlsoWhenTheJobIsHandedOutAgainAfterACrash() throws Exception {
    try (LocalHttpServer pagerDuty = LocalHttpServer.start(request -> Response.json(202, "{\"status\": \"success\"}"))) {
      PageOncallWorker worker = new PageOncallWorker(pager(pagerDuty), receipts);

      Map<String, PageReceipt> first = worker.pageOncall(job, RUNBOOK, "checkout-7f3a", "2.4.0", "trigger", "P1",
          "checkout: error rate 7 % after rollback", "rollback-failed");
      Map<String, PageReceipt> retried = worker.pageOncall(handedOutAgain(), RUNBOOK, "checkout-7f3a", "2.4.0", null, "P1",
          "checkout: error rate 7 % after rollback", "rollback-failed");

      assertThat(first).containsExactly(Map.entry(PageOncallWorker.PAGE,
          new PageReceipt("greenlight/checkout-7f3a/rollback-failed", "trigger", "success")));
      assertThat(retried.get(PageOncallWorker.PAGE).status()).isEqualTo(PageReceipt.ALREADY_SENT);
      assertThat(pagerDuty.requests()).hasSize(1);
      assertThat(json.readTree(pagerDuty.requests().get(0).body()).get("payload")).isEqualTo(json.readTree("""
          {"summary": "checkout: error rate 7 % after rollback", "source": "checkout", "severity": "critical",
           "custom_details": {"rolloutId": "checkout-7f3a", "service": "checkout", "version": "2.4.0",
                              "incidentId": "rollback-failed", "priority": "P1"}}
          """));
    }
  }

  @Test
  void unknownSeverityIsAClearErrorAndNothingIsSent() {
    try (LocalHttpServer pagerDuty = LocalHttpServer.start(request -> Response.json(202, "{}"))) {
      assertThatThrownBy(() -> new PageOncallWorker(pager(pagerDuty), receipts).pageOncall(job, RUNBOOK, "checkout-7f3a", null,
          "trigger", "SEV1", "down", "i-1"))
          .hasMessage("Unknown severity 'SEV1': use P1, P2, P3 or P4");
      assertThat(pagerDuty.requests()).isEmpty();
    }
  }

  @Test
  void pagerDutyOutageCompletesTheJobAndGoesOnInTheBackground() {
    try (LocalHttpServer pagerDuty = LocalHttpServer.start(request -> Response.json(503, "{}"))) {
      Map<String, PageReceipt> page = new PageOncallWorker(pager(pagerDuty), receipts).pageOncall(job, RUNBOOK, "checkout-7f3a",
          null, "trigger", "P2", "checkout degraded", "i-2");

      assertThat(page.get(PageOncallWorker.PAGE).status()).isEqualTo(PageReceipt.RETRYING);
      await().atMost(Duration.ofSeconds(5)).until(() -> pagerDuty.requests().size() == 2);
    }
  }

  @Test
  void aRefusedPageFailsTheJob() {
    try (LocalHttpServer pagerDuty = LocalHttpServer.start(request -> Response.json(400, "{\"status\": \"invalid\"}"))) {
      assertThatThrownBy(() -> new PageOncallWorker(pager(pagerDuty), receipts).pageOncall(job, RUNBOOK, "checkout-7f3a", null,
          "trigger", "P2", "checkout degraded", "i-3"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Nobody was paged");
    }
  }

  private ActivatedJob handedOutAgain() {
    return job(Map.copyOf(engine.get(42L)));
  }

  private static ActivatedJob job(Map<String, Object> variables) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getElementInstanceKey()).thenReturn(42L);
    when(job.getVariablesAsMap()).thenReturn(variables);
    return job;
  }

  private PagerDutyPager pager(LocalHttpServer pagerDuty) {
    return new PagerDutyPager(new PagerDutyProperties(pagerDuty.uri(""), 2, Duration.ofMillis(10), Duration.ofSeconds(5)),
        new JsonHttp(json),
        new Secrets(new MockEnvironment().withProperty("greenlight.secrets.PD_ROUTING_KEY", "key")),
        new BackgroundRetries(new SimpleMeterRegistry()));
  }
}
