package dev.greenlight.integrations.metrics;

/**
 * One reading of a query: a number, or why there is none.
 *
 * @param value the measured number (may be NaN, which the gate treats as inconclusive); NaN when there is a problem
 * @param problem why the reading is inconclusive (no data, provider error); null when a number was read
 */
public record Measurement(double value, String problem) {

  public static Measurement of(double value) {
    return new Measurement(value, null);
  }

  public static Measurement inconclusive(String problem) {
    return new Measurement(Double.NaN, problem);
  }

  public boolean hasValue() {
    return problem == null;
  }
}
