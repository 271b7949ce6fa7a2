package dev.greenlight.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EngineAgendaTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  private final EngineAgenda agenda = new EngineAgenda();

  @Test
  void jumpsToTheEarliestOpenTimer() {
    agenda.timerCreated(1, NOW.plus(Duration.ofHours(48)));
    agenda.timerCreated(2, NOW.plus(Duration.ofMinutes(5)));
    agenda.timerCreated(3, NOW.plus(Duration.ofDays(1)));

    assertThat(agenda.jumpFrom(NOW)).contains(Duration.ofMinutes(5));

    agenda.timerClosed(2);
    assertThat(agenda.jumpFrom(NOW)).contains(Duration.ofDays(1));
  }

  @Test
  void aTimerAlreadyDueNeedsNoJump() {
    agenda.timerCreated(1, NOW.minusMillis(3));

    assertThat(agenda.jumpFrom(NOW)).contains(Duration.ZERO);
  }

  @Test
  void withoutTimersThereIsNothingToJumpTo() {
    agenda.timerCreated(1, NOW.plusSeconds(60));
    agenda.timerClosed(1);

    assertThat(agenda.jumpFrom(NOW)).isEmpty();
  }

  @Test
  void anOpenJobOrAnAwaitedCallbackHoldsTheClock() {
    assertThat(agenda.othersAtWork()).isFalse();

    agenda.jobCreated(7);
    assertThat(agenda.othersAtWork()).isTrue();
    agenda.jobClosed(7);
    agenda.callbackAwaited(9);
    assertThat(agenda.othersAtWork()).isTrue();
    agenda.callbackClosed(9);

    assertThat(agenda.othersAtWork()).isFalse();
  }

  @Test
  void tracksOpenQuestionsEndsAndIncidents() {
    agenda.userTaskCreated(4);
    assertThat(agenda.questionsOpen()).isTrue();
    agenda.userTaskClosed(4);
    agenda.processEnded(11);
    agenda.incidentRaised("no retries left");

    assertThat(agenda.questionsOpen()).isFalse();
    assertThat(agenda.ended(11)).isTrue();
    assertThat(agenda.ended(12)).isFalse();
    assertThat(agenda.incidents()).containsExactly("no retries left");
  }
}
