package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.greenlight.integrations.slack.SlackNotifier;
import dev.greenlight.integrations.slack.SlackProperties;
import dev.greenlight.integrations.BackgroundRetries;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.Notifications;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import io.camunda.client.api.response.ActivatedJob;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class NotifySlackWorkerTest {

  private static final RunbookSpec RUNBOOK = new RunbookSpec("checkout", null, null, null, null, null, null, null,
      null, null, null, null, new Notifications(new Notifications.Slack("#deploys", "SLACK_TOKEN"), null, null));

  private final Map<Long, Map<String, Object>> engine = new HashMap<>();
  private final JobReceipts receipts = new JobReceipts(engine::put);
  private final ActivatedJob job = job(Map.of());

  @Test
  void postsTheMessageWithStageAndGateHeadlines() throws Exception {
    try (LocalHttpServer slack = LocalHttpServer.start(request -> Response.json(200, "{\"ok\": true}"));
        SlackNotifier notifier = notifier(slack)) {
      Map<String, Object> result = new NotifySlackWorker(notifier, receipts).notifySlack(job, RUNBOOK, "checkout-7f3a",
          "Canary breached, rolling back", "rollback", Map.of("name", "canary", "weight", 1),
          Map.of("verdict", "fail", "values", Map.of("errorRate", 0.07)));

      assertThat(result).containsEntry(NotifySlackWorker.SLACK_DELIVERED, true)
          .containsEntry(NotifySlackWorker.SLACK_ERROR, null);
      String body = URLDecoder.decode(slack.requests().get(0).body(), StandardCharsets.UTF_8);
      assertThat(body).contains("*Stage*\\ncanary").contains("*Gate*\\nfail").contains("*Phase*\\nrollback");
    }
  }

  @Test
  void slackOutageCompletesWithSlackDeliveredFalse() throws Exception {
    try (LocalHttpServer slack = LocalHttpServer.start(request -> Response.text(502, "bad gateway"));
        SlackNotifier notifier = notifier(slack)) {
      Map<String, Object> result = new NotifySlackWorker(notifier, receipts).notifySlack(job, RUNBOOK, "checkout-7f3a",
          "Rolled back", null, null, null);

      assertThat(result).containsEntry(NotifySlackWorker.SLACK_DELIVERED, false);
      assertThat((String) result.get(NotifySlackWorker.SLACK_ERROR)).contains("tried again in the background");
    }
  }

  @Test
  void runbookWithoutSlackCompletesWithSlackDeliveredFalse() throws Exception {
    RunbookSpec withoutSlack = new RunbookSpec("checkout", null, null, null, null, null, null, null, null, null, null,
        null, null);
    try (LocalHttpServer slack = LocalHttpServer.start(request -> Response.json(200, "{\"ok\": true}"));
        SlackNotifier notifier = notifier(slack)) {
      Map<String, Object> result = new NotifySlackWorker(notifier, receipts).notifySlack(job, withoutSlack, "checkout-7f3a",
          "Rolled back", null, null, null);

      assertThat(result).containsEntry(NotifySlackWorker.SLACK_DELIVERED, false)
          .containsEntry(NotifySlackWorker.SLACK_ERROR, SlackNotifier.NOT_CONFIGURED);
      assertThat(slack.requests()).isEmpty();
    }
  }

  @Test
  void aMessageIsPostedOnceAlsoWhenTheJobIsHandedOutAgainAfterACrash() throws Exception {
    try (LocalHttpServer slack = LocalHttpServer.start(request -> Response.json(200, "{\"ok\": true}"));
        SlackNotifier notifier = notifier(slack)) {
      NotifySlackWorker worker = new NotifySlackWorker(notifier, receipts);
      worker.notifySlack(job, RUNBOOK, "checkout-7f3a", "Stage passed", null, null, null);

      ActivatedJob again = job(Map.copyOf(engine.get(2251799813685260L)));
      Map<String, Object> result = worker.notifySlack(again, RUNBOOK, "checkout-7f3a", "Stage passed", null, null, null);

      assertThat(result).containsEntry(NotifySlackWorker.SLACK_DELIVERED, true);
      assertThat(slack.requests()).hasSize(1);
    }
  }

  private static SlackNotifier notifier(LocalHttpServer slack) {
    return new SlackNotifier(new SlackProperties(slack.uri(""), 3, Duration.ofMillis(20), Duration.ofSeconds(2)),
        new Secrets(new MockEnvironment().withProperty("greenlight.secrets.SLACK_TOKEN", "xoxb-test")),
        new BackgroundRetries(new SimpleMeterRegistry()), "");
  }

  private static ActivatedJob job(Map<String, Object> variables) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getVariablesAsMap()).thenReturn(variables);
    when(job.getProcessInstanceKey()).thenReturn(2251799813685249L);
    when(job.getElementInstanceKey()).thenReturn(2251799813685260L);
    return job;
  }
}
