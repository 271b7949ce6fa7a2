package dev.greenlight.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void aDeadlineLeavesItsLimitLessWhatHasElapsed() throws InterruptedException {
    Deadline deadline = Deadline.in(Duration.ofMinutes(1));
    Thread.sleep(20);

    assertThat(deadline.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
    assertThat(deadline.remaining()).isLessThanOrEqualTo(Duration.ofMinutes(1).minusMillis(20))
        .isGreaterThan(Duration.ofSeconds(50));
    assertThat(deadline.passed()).isFalse();
  }

  @Test
  void aPassedDeadlineHasNothingLeft() throws InterruptedException {
    Deadline deadline = Deadline.in(Duration.ofMillis(5));
    Thread.sleep(20);

    assertThat(deadline.passed()).isTrue();
    assertThat(deadline.remaining()).isZero();
  }
}
