package dev.greenlight.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A limit a measurement must respect, written as in the seeds: {@code "< 1%"}, {@code "< 200ms"}, {@code "> 80%"}.
 * The value is in base units: a ratio for percentages, seconds for durations. In JSON (process variables) a threshold
 * is its text, exactly as in YAML, so a normalized spec reads back through the same parser.
 *
 * @param comparison how the measurement must relate to the value
 * @param value the limit in base units
 * @param text the limit as written in the spec, for messages
 */
public record Threshold(Comparison comparison, double value, String text) {

  private static final Pattern SYNTAX =
      Pattern.compile("\\s*(<=|>=|<|>)\\s*(-?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*(%|ms|s)?\\s*");

  public enum Comparison {
    BELOW("<"), AT_MOST("<="), ABOVE(">"), AT_LEAST(">=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** What the number of a threshold was written in, which tells the kind of measurement it fits. */
  public enum Suffix { NONE, PERCENT, DURATION }

  /**
   * Reads {@code "< 1%"} (ratio 0.01), {@code "< 200ms"} and {@code "< 2s"} (seconds), {@code "<= 0.5"} (as is).
   *
   * @throws IllegalArgumentException with a message for people when the text is not a threshold or is negative
   */
  @JsonCreator
  public static Threshold parse(String text) {
    Matcher matcher = SYNTAX.matcher(text == null ? "" : text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a threshold such as \"< 1%\", \"< 200ms\", \"> 80%\""
          + " or \"<= 0.5\"");
    }
    double number = Double.parseDouble(matcher.group(2));
    if (number < 0) {
      throw new IllegalArgumentException("'" + text + "': a threshold must not be negative");
    }
    Comparison comparison = Arrays.stream(Comparison.values())
        .filter(c -> c.symbol().equals(matcher.group(1))).findFirst().orElseThrow();
    String unit = matcher.group(3) == null ? "" : matcher.group(3);
    double value = switch (unit) {
      case "%" -> number / 100;
      case "ms" -> number / 1000;
      default -> number;
    };
    return new Threshold(comparison, value, text.strip());
  }

  @JsonValue
  @Override
  public String text() {
    return text;
  }

  /** How the number was written: a percentage, a duration (ms or s) or a plain number. */
  public Suffix suffix() {
    if (text.endsWith("%")) {
      return Suffix.PERCENT;
    }
    return text.endsWith("s") ? Suffix.DURATION : Suffix.NONE;
  }

  /** Whether a measured value respects the limit. NaN never does. */
  public boolean isMetBy(double measured) {
    if (Double.isNaN(measured)) {
      return false;
    }
    return switch (comparison) {
      case BELOW -> measured < value;
      case AT_MOST -> measured <= value;
      case ABOVE -> measured > value;
      case AT_LEAST -> measured >= value;
    };
  }
}
