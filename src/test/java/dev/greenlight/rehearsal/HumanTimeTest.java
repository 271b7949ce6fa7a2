package dev.greenlight.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanTimeTest {

  @Test
  void offsetsReadAsRolloutTime() {
    assertThat(HumanTime.offset(Duration.ZERO)).isEqualTo("+0s");
    assertThat(HumanTime.offset(Duration.ofSeconds(45))).isEqualTo("+45s");
    assertThat(HumanTime.offset(Duration.ofMinutes(10))).isEqualTo("+10m");
    assertThat(HumanTime.offset(Duration.ofSeconds(630))).isEqualTo("+10m30s");
    assertThat(HumanTime.offset(Duration.ofHours(2))).isEqualTo("+2h00m");
    assertThat(HumanTime.offset(Duration.ofHours(54).plusMinutes(5))).isEqualTo("+2d06h05m");
  }

  @Test
  void spansReadAsWritten() {
    assertThat(HumanTime.span(Duration.parse("P2D"))).isEqualTo("2d");
    assertThat(HumanTime.span(Duration.parse("PT4H"))).isEqualTo("4h");
    assertThat(HumanTime.span(Duration.parse("PT1H30M"))).isEqualTo("1h30m");
    assertThat(HumanTime.span(Duration.parse("PT0.5S"))).isEqualTo("0.5s");
    assertThat(HumanTime.span(Duration.ZERO)).isEqualTo("0s");
  }
}
