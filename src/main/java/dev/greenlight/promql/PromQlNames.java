package dev.greenlight.promql;

import java.util.Comparator;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The names PromQL knows (Prometheus 2.x and 3.x), and the nearest of them to a misspelled one. */
final class PromQlNames {

  static final Set<String> FUNCTIONS = Set.of(
      "abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "avg_over_time", "ceil",
      "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh", "count_over_time", "day_of_month", "day_of_week",
      "day_of_year", "days_in_month", "deg", "delta", "deriv", "double_exponential_smoothing", "exp", "floor",
      "histogram_avg", "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev",
      "histogram_stdvar", "histogram_sum", "holt_winters", "hour", "idelta", "increase", "info", "irate",
      "label_join", "label_replace", "last_over_time", "ln", "log10", "log2", "mad_over_time", "max_over_time",
      "min_over_time", "minute", "month", "pi", "predict_linear", "present_over_time", "quantile_over_time", "rad",
      "rate", "resets", "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_by_label", "sort_by_label_desc",
      "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time",
      "timestamp", "vector", "year");
  static final Set<String> AGGREGATIONS = Set.of(
      "avg", "bottomk", "count", "count_values", "group", "limit_ratio", "limitk", "max", "min", "quantile", "stddev",
      "stdvar", "sum", "topk");
  /** Words that take a parenthesised label list: {@code sum by (le) (...)}, {@code a / on (job) b}. */
  static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  /** Words that may stand before an opening parenthesis without calling anything: {@code a and (b or c)}. */
  static final Set<String> OPERATOR_KEYWORDS = Set.of("and", "or", "unless", "bool");
  /** The {@code @} modifier's functions: {@code x @ start()}. */
  static final Set<String> AT_MODIFIERS = Set.of("start", "end");
  /** Greenlight's placeholders, replaced by the rollout's values before a query is sent. */
  static final List<String> PLACEHOLDERS = List.of("service", "version", "rolloutId");

  private PromQlNames() {}

  static boolean callable(String name) {
    return FUNCTIONS.contains(name) || AGGREGATIONS.contains(name) || LABEL_LIST_KEYWORDS.contains(name)
        || OPERATOR_KEYWORDS.contains(name) || AT_MODIFIERS.contains(name);
  }

  /**
   * The known function or aggregation within two edits of {@code name}, e.g. rate for rat or rtae; among equally near
   * ones, one that {@code name} begins (a word cut short) before the others.
   */
  static Optional<String> nearest(String name) {
    return Stream.concat(FUNCTIONS.stream(), AGGREGATIONS.stream())
        .filter(known -> distance(known, name) <= 2)
        .min(Comparator.comparingInt((String known) -> distance(known, name))
            .thenComparing(known -> !known.startsWith(name))
            .thenComparing(Comparator.naturalOrder()));
  }

  static String placeholderList() {
    return "{{service}}, {{version}} or {{rolloutId}}";
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost one. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
