package dev.greenlight.integrations;

import dev.greenlight.integrations.RetryPolicy.Attempt;
import dev.greenlight.integrations.RetryPolicy.TransientFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Calls to outside systems nobody may wait for (Slack, PagerDuty): tried once at once, and when that fails for a
 * passing reason, tried again in the background within the call's {@link RetryPolicy}, while the caller goes on. A
 * rollback is never held up by a notification; an outage is logged, and the last failed try is logged as an error.
 * Every failed try is counted in {@code greenlight_notification_failures_total{channel, outcome}}: {@code retrying}
 * (tried again later), {@code given-up} (its last try) or {@code refused} (the channel said the call itself is wrong).
 */
@Component
public class BackgroundRetries implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BackgroundRetries.class);

  private final MeterRegistry registry;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("greenlight-background-retries").factory());

  public BackgroundRetries(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Tries the call now. Its result when it worked; empty when it failed for a passing reason and goes on in the
   * background. Any other failure is thrown to the caller at once.
   */
  public <T> Optional<T> tryNowThenInBackground(String channel, String call, RetryPolicy policy, Attempt<T> attempt) {
    try {
      return Optional.of(attempt.run());
    } catch (TransientFailure failure) {
      if (policy.attempts() == 1) {
        failed(channel, "given-up");
        log.error("{} failed and is not tried again: {}", call, failure.getMessage());
        return Optional.empty();
      }
      failed(channel, "retrying");
      log.warn("{} failed, trying again in the background: {}", call, failure.getMessage());
      schedule(channel, call, policy, attempt, 2, policy.firstBackoff());
      return Optional.empty();
    } catch (RuntimeException refused) {
      failed(channel, "refused");
      throw refused;
    }
  }

  /** Makes every try of the call in the background, the first at once; the caller never waits. */
  public <T> void tryInBackground(String channel, String call, RetryPolicy policy, Attempt<T> attempt) {
    schedule(channel, call, policy, attempt, 1, Duration.ZERO);
  }

  private void failed(String channel, String outcome) {
    Counter.builder("greenlight.notification.failures")
        .description("Failed tries of notifications (Slack, PagerDuty), by channel and outcome (retrying, given-up,"
            + " refused)")
        .tag("channel", channel).tag("outcome", outcome).register(registry).increment();
  }

  private <T> void schedule(String channel, String call, RetryPolicy policy, Attempt<T> attempt, int tryNumber,
      Duration pause) {
    scheduler.schedule(() -> Thread.ofVirtual().name("retry-" + tryNumber).start(() -> {
      try {
        attempt.run();
        log.info("{} went through on try {}", call, tryNumber);
      } catch (TransientFailure failure) {
        if (tryNumber == policy.attempts()) {
          failed(channel, "given-up");
          log.error("{} failed {} times and is given up: {}", call, tryNumber, failure.getMessage());
        } else {
          failed(channel, "retrying");
          schedule(channel, call, policy, attempt, tryNumber + 1,
              tryNumber == 1 ? policy.firstBackoff() : pause.multipliedBy(2));
        }
      } catch (RuntimeException refused) {
        failed(channel, "refused");
        log.error("{} was refused on try {}: {}", call, tryNumber, refused.getMessage());
      }
    }), pause.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
