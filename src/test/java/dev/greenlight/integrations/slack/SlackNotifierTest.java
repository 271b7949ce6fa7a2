package dev.greenlight.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.integrations.BackgroundRetries;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.Notifications;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Slack's Web API played by a local HTTP server. */
class SlackNotifierTest {

  private static final String OK = "{\"ok\": true, \"channel\": \"C1\", \"ts\": \"1700000000.000100\"}";
  private static final Notifications.Slack CHANNEL = new Notifications.Slack("#deploys", "SLACK_TOKEN");
  private static final SlackMessage MESSAGE = new SlackMessage("Canary at 10 %: gate passed", "checkout",
      "checkout-20261123-7f3a", "canary", "ramp", "pass", 2251799813685249L);

  private final ObjectMapper json = JsonMapper.builder().build();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final BackgroundRetries background = new BackgroundRetries(meters);
  private final Secrets secrets = new Secrets(new MockEnvironment().withProperty("greenlight.secrets.SLACK_TOKEN", "xoxb-test"));

  @AfterEach
  void stopBackgroundRetries() {
    background.close();
  }

  @Test
  void postsBlockKitMessageWithTheBotTokenAndAnOperateLink() throws Exception {
    try (LocalHttpServer slack = LocalHttpServer.start(request -> Response.json(200, OK));
        SlackNotifier notifier = notifier(slack, "http://operate.example/operate/")) {
      SlackDelivery delivery = notifier.post(CHANNEL, MESSAGE, "rollout-1/42");

      assertThat(delivery).isEqualTo(new SlackDelivery(true, null));
      assertThat(slack.requests()).hasSize(1);
      RecordedRequest request = slack.requests().get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/api/chat.postMessage");
      assertThat(request.header("Authorization")).isEqualTo("Bearer xoxb-test");
      Map<String, String> form = form(request.body());
      assertThat(form).containsEntry("channel", "#deploys").containsEntry("text", "Canary at 10 %: gate passed");
      JsonNode blocks = json.readTree(form.get("blocks"));
      assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
      assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo("Canary at 10 %: gate passed");
      assertThat(blocks.get(1).get("fields")).extracting(field -> field.get("text").asText()).containsExactly(
          "*Service*\ncheckout", "*Rollout*\ncheckout-20261123-7f3a", "*Phase*\ncanary", "*Stage*\nramp", "*Gate*\npass");
      assertThat(blocks.get(2).get("text").get("text").asText())
          .isEqualTo("<http://operate.example/operate/processes/2251799813685249|Open in Operate>");
    }
  }

  @Test
  void withoutAnOperateUrlThereIsNoLink() throws Exception {
    try (LocalHttpServer slack = LocalHttpServer.start(request -> Response.json(200, OK));
        SlackNotifier notifier = notifier(slack, "")) {
      notifier.post(CHANNEL, new SlackMessage("Rollback done", null, null, null, null, null, 1L), "rollout-1/43");

      JsonNode blocks = json.readTree(form(slack.requests().get(0).body()).get("blocks"));
      assertThat(blocks).hasSize(1);
    }
  }

  @Test
  void outageIsNotWaitedOutButTriedThreeTimesInTheBackground() throws Exception {
    try (LocalHttpServer slack = LocalHttpServer.start(request -> {
          Thread.sleep(100);
          return Response.text(503, "down for maintenance");
        });
        SlackNotifier notifier = notifier(slack, "")) {
      long started = System.nanoTime();
      SlackDelivery delivery = notifier.post(CHANNEL, MESSAGE, "rollout-1/44");

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
      assertThat(delivery.delivered()).isFalse();
      assertThat(delivery.error()).isEqualTo("Slack did not take the message at once; it is tried again in the"
          + " background");
      await().atMost(Duration.ofSeconds(10)).until(() -> slack.requests().size() == 3);
      Thread.sleep(300);
      assertThat(slack.requests()).hasSize(3);
      assertThat(failures("retrying")).as("greenlight_notification_failures_total{outcome=retrying}").isEqualTo(2);
      assertThat(failures("given-up")).isEqualTo(1);
      assertThat(notifier.post(CHANNEL, MESSAGE, "rollout-1/44").delivered()).as("not posted twice").isTrue();
    }
  }

  @Test
  void shortOutageIsRiddenOutInTheBackground() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (LocalHttpServer slack = LocalHttpServer.start(request -> calls.incrementAndGet() == 1
            ? Response.json(200, "{\"ok\": false, \"error\": \"ratelimited\"}")
            : Response.json(200, OK));
        SlackNotifier notifier = notifier(slack, "")) {
      assertThat(notifier.post(CHANNEL, MESSAGE, "rollout-1/45").delivered()).isFalse();
      await().atMost(Duration.ofSeconds(10)).until(() -> slack.requests().size() == 2);
      assertThat(form(slack.requests().get(1).body())).containsEntry("text", "Canary at 10 %: gate passed");
    }
  }

  @Test
  void refusedMessageIsNotRetried() throws Exception {
    try (LocalHttpServer slack = LocalHttpServer.start(request ->
            Response.json(200, "{\"ok\": false, \"error\": \"channel_not_found\"}"));
        SlackNotifier notifier = notifier(slack, "")) {
      SlackDelivery delivery = notifier.post(CHANNEL, MESSAGE, "rollout-1/46");

      assertThat(delivery.delivered()).isFalse();
      assertThat(delivery.error()).startsWith("Slack refused the message: channel_not_found");
      assertThat(slack.requests()).hasSize(1);
      assertThat(failures("refused")).isEqualTo(1);
    }
  }

  @Test
  void unconfiguredTokenIsReportedWithoutCallingSlack() throws Exception {
    try (LocalHttpServer slack = LocalHttpServer.start(request -> Response.json(200, OK));
        SlackNotifier notifier = notifier(slack, "")) {
      SlackDelivery delivery = notifier.post(new Notifications.Slack("#deploys", "OTHER_TOKEN"), MESSAGE, "r/47");

      assertThat(delivery.delivered()).isFalse();
      assertThat(delivery.error()).contains("OTHER_TOKEN");
      assertThat(slack.requests()).isEmpty();
    }
  }

  @Test
  void sameDeliveryKeyIsPostedOnlyOnce() throws Exception {
    try (LocalHttpServer slack = LocalHttpServer.start(request -> Response.json(200, OK));
        SlackNotifier notifier = notifier(slack, "")) {
      notifier.post(CHANNEL, MESSAGE, "rollout-1/48");
      assertThat(notifier.post(CHANNEL, MESSAGE, "rollout-1/48").delivered()).isTrue();

      assertThat(slack.requests()).hasSize(1);
    }
  }

  private SlackNotifier notifier(LocalHttpServer slack, String operateUrl) {
    SlackProperties properties = new SlackProperties(slack.uri(""), 3, Duration.ofMillis(50), Duration.ofSeconds(2));
    return new SlackNotifier(properties, secrets, background, operateUrl);
  }

  private static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> pair.length > 1 ? decode(pair[1]) : ""));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private double failures(String outcome) {
    return meters.find("greenlight.notification.failures").tag("channel", "slack").tag("outcome", outcome).counters()
        .stream().mapToDouble(counter -> counter.count()).sum();
  }

}
