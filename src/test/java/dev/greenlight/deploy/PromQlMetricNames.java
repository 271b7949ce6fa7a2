package dev.greenlight.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression (or a Grafana {@code label_values(...)} query) reads. */
final class PromQlMetricNames {

  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
  // possessive, so that a function name is never matched by a prefix of it
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

  private PromQlMetricNames() {}

  static Set<String> of(String expression) {
    Matcher labelValues = LABEL_VALUES.matcher(expression);
    if (labelValues.find()) {
      return Set.of(labelValues.group(1));
    }
    String bare = expression
        .replaceAll("\"[^\"]*\"", "")
        .replaceAll("\\{[^}]*}", "")
        .replaceAll("\\[[^]]*]", "")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
    Set<String> names = new LinkedHashSet<>();
    Matcher identifiers = IDENTIFIER.matcher(bare);
    while (identifiers.find()) {
      if (!KEYWORDS.contains(identifiers.group())) {
        names.add(identifiers.group());
      }
    }
    return names;
  }
}
