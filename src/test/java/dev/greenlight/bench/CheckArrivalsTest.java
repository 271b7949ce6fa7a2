package dev.greenlight.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckArrivalsTest {

  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final long SECOND = 1_000_000_000L;

  @Test
  void lagIsTheTimeBetweenConsecutiveChecksBeyondTheInterval() {
    CheckArrivals arrivals = new CheckArrivals(2);
    arrivals.record(0, 0);
    arrivals.record(0, 10 * SECOND + 250_000_000L);
    arrivals.record(0, 21 * SECOND);
    arrivals.record(1, 5 * SECOND);
    arrivals.record(1, 15 * SECOND);

    Samples lags = arrivals.lags(INTERVAL, 0, 30 * SECOND);

    assertThat(lags.sorted()).containsExactly(0.0, 250.0, 750.0);
  }

  @Test
  void onlyChecksArrivingInThePeriodCountButTheirPredecessorMayBeEarlier() {
    CheckArrivals arrivals = new CheckArrivals(1);
    for (int n = 0; n < 10; n++) {
      arrivals.record(0, n * 11 * SECOND);
    }

    assertThat(arrivals.lags(INTERVAL, 22 * SECOND, 44 * SECOND).sorted()).containsExactly(1000.0, 1000.0);
    assertThat(arrivals.checksBetween(22 * SECOND, 44 * SECOND)).isEqualTo(2);
  }

  @Test
  void aRolloutWhoseNextCheckIsOverdueShowsHowLate() {
    CheckArrivals arrivals = new CheckArrivals(3);
    arrivals.record(0, 0);
    arrivals.record(1, 25 * SECOND);

    assertThat(arrivals.overdue(INTERVAL, 30 * SECOND).sorted()).containsExactly(20_000.0);
    assertThat(arrivals.rolloutsChecked()).isEqualTo(2);
  }

  @Test
  void manyChecksOfOneRolloutAreAllKept() {
    CheckArrivals arrivals = new CheckArrivals(1);
    for (int n = 0; n < 100; n++) {
      arrivals.record(0, n * INTERVAL.toNanos());
    }

    assertThat(arrivals.lags(INTERVAL, 0, Long.MAX_VALUE).count()).isEqualTo(99);
  }
}
