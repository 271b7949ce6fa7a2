package dev.greenlight.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  private static final JobRetryProperties DEFAULTS = new JobRetryProperties(null, null, null, null, null, null);

  @Test
  void pausesGrowExponentiallyUpToTheCap() {
    RetryBackoff backoff = new RetryBackoff(DEFAULTS, middle());

    assertThat(IntStream.rangeClosed(1, 9).mapToObj(backoff::after).toList()).containsExactly(
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
        Duration.ofSeconds(80), Duration.ofSeconds(160), Duration.ofSeconds(300), Duration.ofSeconds(300),
        Duration.ofSeconds(300));
  }

  @Test
  void jitterSpreadsPausesOverTheConfiguredShareBothWays() {
    RetryBackoff backoff = new RetryBackoff(DEFAULTS, new Random(7));

    List<Duration> pauses = IntStream.range(0, 500).mapToObj(i -> backoff.after(3)).toList();

    assertThat(pauses).allSatisfy(pause -> assertThat(pause).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(24)));
    assertThat(pauses.stream().distinct().count()).as("pauses differ").isGreaterThan(100);
    assertThat(pauses).anyMatch(pause -> pause.compareTo(Duration.ofSeconds(17)) < 0)
        .anyMatch(pause -> pause.compareTo(Duration.ofSeconds(23)) > 0);
  }

  @Test
  void aFailingRollbackStepIsTriedAgainAtMostRollbackMaxApart() {
    RetryBackoff backoff = new RetryBackoff(DEFAULTS, middle());

    assertThat(backoff.afterRollbackFailure(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.afterRollbackFailure(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(backoff.afterRollbackFailure(5)).isEqualTo(Duration.ofMinutes(1));
    assertThat(backoff.afterRollbackFailure(1000)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void everySettingCanBeChanged() {
    JobRetryProperties properties = new JobRetryProperties(Duration.ofMillis(200), Duration.ofSeconds(2), 3.0, 7, 0.0,
        Duration.ofSeconds(1));
    RetryBackoff backoff = new RetryBackoff(properties, new Random(1));

    assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(600));
    assertThat(backoff.after(3)).isEqualTo(Duration.ofMillis(1800));
    assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.afterRollbackFailure(3)).isEqualTo(Duration.ofSeconds(1));
    assertThat(properties.attempts()).isEqualTo(7);
  }

  @Test
  void nonsenseSettingsAreRefusedNamingTheProperty() {
    assertThatThrownBy(() -> new JobRetryProperties(Duration.ZERO, null, null, null, null, null))
        .hasMessage("greenlight.jobs.retry.initial must be positive, was PT0S");
    assertThatThrownBy(() -> new JobRetryProperties(null, null, null, 0, null, null))
        .hasMessage("greenlight.jobs.retry.attempts must be at least 1, was 0");
    assertThatThrownBy(() -> new JobRetryProperties(null, null, null, null, 1.5, null))
        .hasMessage("greenlight.jobs.retry.jitter must be between 0 and 1, was 1.5");
    assertThatThrownBy(() -> new JobRetryProperties(Duration.ofMinutes(10), Duration.ofMinutes(1), null, null, null,
        null)).hasMessageStartingWith("greenlight.jobs.retry.max must be at least initial");
  }

  /** A random source whose every draw is 0.5, the middle of the range: no jitter. */
  private static RandomGenerator middle() {
    return () -> Long.MIN_VALUE;
  }
}
