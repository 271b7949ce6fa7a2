package dev.greenlight.demo.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.integrations.release.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's CI/CD pipeline, as Greenlight's webhook release provider drives one: a signed trigger at
 * {@code /pipeline/{slot}} is accepted at once, the version is made live in that slot a moment later, and the result
 * is POSTed, signed with the shared secret, to the trigger's callback URL.
 */
final class ReleasePipeline {

  private static final Logger log = LoggerFactory.getLogger(ReleasePipeline.class);
  private static final Duration BUILD_TIME = Duration.ofMillis(300);

  private final Releases releases;
  private final String signingSecret;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("demo-pipeline").daemon().factory());
  private final AtomicInteger runs = new AtomicInteger();

  ReleasePipeline(Releases releases, String signingSecret) {
    this.releases = releases;
    this.signingSecret = signingSecret;
  }

  /** Whether the trigger carries the shared secret's signature. */
  boolean signedBySharedSecret(byte[] body, String signature) {
    return WebhookSignature.verify(signingSecret, body, signature);
  }

  /** Queues a run for a trigger; returns its number. */
  int queue(Slot slot, JsonNode trigger, URI runsBase) {
    int run = runs.incrementAndGet();
    runner.schedule(() -> run(run, slot, trigger, runsBase), BUILD_TIME.toMillis(), TimeUnit.MILLISECONDS);
    return run;
  }

  private void run(int run, Slot slot, JsonNode trigger, URI runsBase) {
    String action = trigger.path("action").asText();
    String target = "revert".equals(action) ? trigger.path("previousVersion").asText(null)
        : trigger.path("version").asText(null);
    Map<String, Object> result = new LinkedHashMap<>();
    if (target == null || !("deploy".equals(action) || "revert".equals(action))) {
      result.put("status", "failed");
    } else {
      String replaced = releases.deploy(slot, target);
      result.put("status", "succeeded");
      result.put("version", target);
      if ("deploy".equals(action)) {
        result.put("previousVersion", replaced);
      }
    }
    result.put("url", runsBase.resolve("/pipeline/runs/" + run).toString());
    try {
      byte[] body = HttpExchanges.JSON.writeValueAsBytes(result);
      HttpRequest callback = HttpRequest.newBuilder(URI.create(trigger.path("callbackUrl").asText()))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header(WebhookSignature.HEADER, WebhookSignature.sign(signingSecret, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
      HttpResponse<String> answer = http.send(callback, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 != 2) {
        log.warn("Pipeline run {}: the callback was refused with HTTP {}: {}", run, answer.statusCode(), answer.body());
      }
    } catch (Exception e) {
      log.warn("Pipeline run {}: calling back failed: {}", run, e.toString());
    }
  }

  void stop() {
    runner.shutdownNow();
  }
}
