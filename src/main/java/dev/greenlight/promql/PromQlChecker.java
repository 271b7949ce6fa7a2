package dev.greenlight.promql;

import dev.greenlight.promql.PromQlToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the tokens of a query for what Prometheus would refuse, or what would go wrong only once the query is sent:
 * brackets that do not pair up, unknown functions, label matchers without an operator or a quoted value, ranges that
 * are not durations, and placeholders that are unknown or not inside quotes. It collects the label matchers on the way.
 * It is not a full parser: what it lets through, Prometheus still judges in the check before a rollout starts.
 */
final class PromQlChecker {

  private static final Map<Kind, String> CLOSERS = Map.of(
      Kind.LEFT_PAREN, ")", Kind.LEFT_BRACE, "}", Kind.LEFT_BRACKET, "]");
  private static final Set<String> MATCH_OPERATORS = Set.of("=", "!=", "=~", "!~");
  /** Placeholders whose matchers the check before a rollout leaves out, so they may only be a matcher's value. */
  private static final Set<String> MATCHER_ONLY = Set.of("version", "rolloutId");

  private final List<PromQlToken> tokens;
  private final List<String> problems;
  private final List<LabelMatcher> matchers = new ArrayList<>();
  private final Deque<PromQlToken> open = new ArrayDeque<>();

  private PromQlChecker(List<PromQlToken> tokens, List<String> problems) {
    this.tokens = tokens;
    this.problems = problems;
  }

  /** Adds what is wrong to {@code problems} and returns the query's label matchers. */
  static List<LabelMatcher> check(List<PromQlToken> tokens, List<String> problems) {
    PromQlChecker checker = new PromQlChecker(tokens, problems);
    checker.checkAll();
    return checker.matchers;
  }

  private void checkAll() {
    if (tokens.isEmpty() && problems.isEmpty()) {
      problems.add("the query is empty");
      return;
    }
    for (int i = 0; i < tokens.size(); i++) {
      PromQlToken token = tokens.get(i);
      switch (token.kind()) {
        case LEFT_PAREN -> open.push(token);
        case LEFT_BRACE -> {
          open.push(token);
          i = labelMatchers(i + 1) - 1;
        }
        case LEFT_BRACKET -> {
          open.push(token);
          i = range(i + 1) - 1;
        }
        case RIGHT_PAREN, RIGHT_BRACE, RIGHT_BRACKET -> close(token);
        case IDENTIFIER -> i = name(i);
        case PLACEHOLDER -> problems.add(token.where() + ": a placeholder must be inside quotes, as a label value such"
            + " as job=\"" + token.text() + "\"");
        case STRING -> placeholders(token, false);
        default -> { }
      }
    }
    for (PromQlToken unclosed : open) {
      problems.add(unclosed.where() + ": this '" + unclosed.text() + "' is never closed; add the matching '"
          + CLOSERS.get(unclosed.kind()) + "'");
    }
  }

  private void close(PromQlToken closer) {
    if (open.isEmpty()) {
      problems.add(closer.where() + ": nothing to close here; remove it or add the opening bracket it belongs to");
      return;
    }
    PromQlToken opener = open.peek();
    String expected = CLOSERS.get(opener.kind());
    if (!expected.equals(closer.text())) {
      problems.add(closer.where() + ": expected '" + expected + "' to close the '" + opener.text() + "' at character "
          + (opener.start() + 1));
    }
    open.pop();
  }

  /** Checks a name and what follows it; returns the last token it read (a label list is read whole). */
  private int name(int i) {
    PromQlToken name = tokens.get(i);
    PromQlToken next = at(i + 1);
    boolean called = next != null && next.is(Kind.LEFT_PAREN);
    String text = name.text();
    if (called && PromQlNames.LABEL_LIST_KEYWORDS.contains(text)) {
      return labelList(i + 1);
    }
    if (called && !PromQlNames.callable(text)) {
      problems.add(name.where() + ": unknown function " + text + PromQlNames.nearest(text)
          .map(known -> "; did you mean " + known + "?")
          .orElse("; see https://prometheus.io/docs/prometheus/latest/querying/functions/"));
    } else if (PromQlNames.AGGREGATIONS.contains(text) && !called
        && (next == null || !next.is(Kind.IDENTIFIER) || !Set.of("by", "without").contains(next.text()))) {
      problems.add(name.where() + ": " + text + " needs its argument in parentheses, e.g. " + text
          + "(rate(requests_total[5m]))");
    } else if (Set.of("by", "without", "on", "ignoring").contains(text)) {
      problems.add(name.where() + ": " + text + " needs a list of labels in parentheses, e.g. " + text + " (job)");
      return next != null && next.is(Kind.IDENTIFIER) ? i + 1 : i;
    }
    return i;
  }

  /** Reads {@code (label, label)} after by, without, on, ignoring, group_left or group_right; returns its ')'. */
  private int labelList(int parenthesis) {
    open.push(tokens.get(parenthesis));
    int i = parenthesis + 1;
    while (at(i) != null && !closing(at(i))) {
      PromQlToken label = at(i);
      if (!label.is(Kind.IDENTIFIER) && !label.is(Kind.COMMA) && !label.is(Kind.STRING)) {
        problems.add(label.where() + ": expected a label name in the list, e.g. by (job, le)");
      }
      i++;
    }
    return i - 1;
  }

  /**
   * Reads {@code label op "value"} pairs separated by commas, from just after a '{'; returns where the matchers end
   * (the closing bracket, or the end of the query).
   */
  private int labelMatchers(int from) {
    int i = from;
    while (i < tokens.size() && !closing(tokens.get(i))) {
      PromQlToken label = tokens.get(i);
      if (label.is(Kind.COMMA)) {
        i++;
        continue;
      }
      if (!label.is(Kind.IDENTIFIER) && !label.is(Kind.STRING)) {
        problems.add(label.where() + ": expected a label name, e.g. {job=\"checkout\"}");
        i = skipMatcher(i);
        continue;
      }
      PromQlToken operator = at(i + 1);
      if (label.is(Kind.STRING) && (operator == null || operator.is(Kind.COMMA) || closing(operator))) {
        placeholders(label, true);
        i++;
        continue;
      }
      if (operator == null || !operator.is(Kind.OPERATOR) || !MATCH_OPERATORS.contains(operator.text())) {
        problems.add(label.where() + ": label " + label.text() + " needs a matcher such as " + label.text()
            + "=\"value\" (operators =, !=, =~, !~)" + (operator != null && operator.text().equals("==")
            ? "; a label matcher uses =, not ==" : ""));
        i = skipMatcher(i + 1);
        continue;
      }
      PromQlToken value = at(i + 2);
      if (value == null || !value.is(Kind.STRING)) {
        problems.add((value == null ? operator : value).where() + ": the value of label " + label.text()
            + " must be quoted, e.g. " + label.text() + operator.text() + "\""
            + (value != null && value.is(Kind.PLACEHOLDER) ? value.text() : "value") + "\"");
        i = skipMatcher(i + 2);
        continue;
      }
      placeholders(value, true);
      matchers.add(new LabelMatcher(label.text(), operator.text(), value.unquoted(), label.start(), value.end()));
      i += 3;
      PromQlToken after = at(i);
      if (after != null && !after.is(Kind.COMMA) && !closing(after)) {
        problems.add(after.where() + ": expected ',' or '}' after the matcher " + label.text() + operator.text()
            + value.text());
        i = skipMatcher(i);
      }
    }
    return i;
  }

  /** Error recovery: the next comma or closing bracket ends the broken matcher. */
  private int skipMatcher(int from) {
    int i = from;
    while (i < tokens.size() && !tokens.get(i).is(Kind.COMMA) && !closing(tokens.get(i))) {
      i++;
    }
    return i;
  }

  /** Reads a range ({@code 5m}) or a subquery's range and step ({@code 30m:1m}, {@code 30m:}) after a '['. */
  private int range(int from) {
    int i = from;
    PromQlToken first = at(i);
    if (first != null && first.is(Kind.DURATION)) {
      i++;
      if (at(i) != null && at(i).is(Kind.COLON)) {
        i++;
        if (at(i) != null && at(i).is(Kind.DURATION)) {
          i++;
        }
      }
      if (at(i) == null || closing(at(i))) {
        return i;
      }
    }
    PromQlToken wrong = at(i) == null ? tokens.get(from - 1) : at(i);
    problems.add(wrong.where() + ": a range is a duration with a unit, such as [5m], or a subquery's range and step,"
        + " such as [30m:1m]");
    while (i < tokens.size() && !closing(tokens.get(i))) {
      i++;
    }
    return i;
  }

  /** Placeholders in a string must be known and, for those the pre-flight leaves out, a label matcher's value. */
  private void placeholders(PromQlToken string, boolean matcherValue) {
    String text = string.text();
    int from = 0;
    int open;
    while ((open = text.indexOf("{{", from)) >= 0) {
      int close = text.indexOf("}}", open + 2);
      if (close < 0) {
        problems.add("character " + (string.start() + open + 1) + ": the placeholder '{{' is not closed; write "
            + PromQlNames.placeholderList());
        return;
      }
      String name = text.substring(open + 2, close).strip();
      String where = "character " + (string.start() + open + 1) + " ('{{" + name + "}}')";
      if (!PromQlNames.PLACEHOLDERS.contains(name)) {
        problems.add(where + ": unknown placeholder; use " + PromQlNames.placeholderList());
      } else if (text.startsWith("`")) {
        problems.add(where + ": placeholders are escaped for \"...\" or '...' strings; use one of those instead of"
            + " backticks");
      } else if (!matcherValue && MATCHER_ONLY.contains(name)) {
        problems.add(where + ": {{" + name + "}} may only be a label matcher's value, e.g. " + name + "=\"{{"
            + name + "}}\", so that the check before a rollout can leave it out");
      }
      from = close + 2;
    }
  }

  private PromQlToken at(int i) {
    return i < tokens.size() ? tokens.get(i) : null;
  }

  private static boolean closing(PromQlToken token) {
    return token.is(Kind.RIGHT_BRACE) || token.is(Kind.RIGHT_PAREN) || token.is(Kind.RIGHT_BRACKET);
  }
}
