package dev.greenlight.spec;

/**
 * A limit a measurement must respect, written as in the seeds: {@code "< 1%"}, {@code "< 200ms"}, {@code "> 80%"}.
 * The value is in base units: a ratio for percentages, seconds for durations.
 *
 * @param comparison how the measurement must relate to the value
 * @param value the limit in base units
 * @param text the limit as written in the spec, for messages
 */
public record Threshold(Comparison comparison, double value, String text) {

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
