package dev.greenlight.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Measured values of one quantity (milliseconds unless said otherwise), with the order statistics the reports quote. */
final class Samples {

  private final List<Double> values = Collections.synchronizedList(new ArrayList<>());

  void add(double value) {
    values.add(value);
  }

  int count() {
    return values.size();
  }

  /** The nearest-rank percentile, {@code p} in 0..100; NaN when there are no samples. */
  double percentile(double p) {
    List<Double> sorted = sorted();
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  double median() {
    return percentile(50);
  }

  double max() {
    return percentile(100);
  }

  List<Double> sorted() {
    List<Double> copy;
    synchronized (values) {
      copy = new ArrayList<>(values);
    }
    Collections.sort(copy);
    return copy;
  }

  /** The raw values in the order measured, for the document's raw-numbers lines. */
  String raw(String format) {
    List<Double> copy;
    synchronized (values) {
      copy = new ArrayList<>(values);
    }
    return String.join(", ", copy.stream().map(v -> String.format(Locale.ROOT, format, v)).toList());
  }
}
