package dev.greenlight.rehearsal;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as a rehearsal prints them: {@code +2h00m} for a point in rollout time, {@code 2h} for a span. */
public final class HumanTime {

  private HumanTime() {}

  /** How far into the rollout: {@code +0s}, {@code +45s}, {@code +10m}, {@code +2h00m}, {@code +2d04h00m}. */
  public static String offset(Duration at) {
    long seconds = at.toSeconds();
    long days = seconds / 86_400;
    long hours = seconds / 3_600 % 24;
    long minutes = seconds / 60 % 60;
    long rest = seconds % 60;
    if (days > 0) {
      return String.format("+%dd%02dh%02dm", days, hours, minutes);
    }
    if (hours > 0) {
      return String.format("+%dh%02dm", hours, minutes);
    }
    if (minutes > 0) {
      return rest == 0 ? String.format("+%dm", minutes) : String.format("+%dm%02ds", minutes, rest);
    }
    return "+" + rest + "s";
  }

  /** A span as a person writes it: {@code 2d}, {@code 4h}, {@code 1h30m}, {@code 10m}, {@code 0.5s}. */
  public static String span(Duration span) {
    StringBuilder text = new StringBuilder();
    append(text, span.toDays(), "d");
    append(text, span.toHoursPart(), "h");
    append(text, span.toMinutesPart(), "m");
    BigDecimal seconds = BigDecimal.valueOf(span.toSecondsPart())
        .add(BigDecimal.valueOf(span.toNanosPart(), 9)).stripTrailingZeros();
    if (seconds.signum() > 0 || text.isEmpty()) {
      text.append(seconds.toPlainString()).append('s');
    }
    return text.toString();
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount > 0) {
      text.append(amount).append(unit);
    }
  }
}
