package dev.greenlight.promql;

import java.util.ArrayList;
import java.util.List;

/**
 * A PromQL query as a runbook writes it, with Greenlight's placeholders ({@code {{service}}}, {@code {{version}}},
 * {@code {{rolloutId}}}): what is wrong with it, for lint, and what it selects, for the checks around a rollout.
 */
public final class PromQlQuery {

  private final String text;
  private final List<String> problems;
  private final List<LabelMatcher> matchers;

  private PromQlQuery(String text, List<String> problems, List<LabelMatcher> matchers) {
    this.text = text;
    this.problems = problems;
    this.matchers = matchers;
  }

  public static PromQlQuery of(String text) {
    List<String> problems = new ArrayList<>();
    List<LabelMatcher> matchers = PromQlChecker.check(PromQlLexer.tokens(text, problems), problems);
    return new PromQlQuery(text, List.copyOf(problems), List.copyOf(matchers));
  }

  /** What Prometheus would refuse or what would go wrong at the first measurement, each with where and what to do. */
  public List<String> problems() {
    return problems;
  }

  /**
   * Whether the query keeps only series labelled with the placeholder's value, e.g. {@code version="{{version}}"}:
   * at weight 0 such a query sees no traffic.
   */
  public boolean selectsOnly(String placeholder) {
    return matchers.stream().anyMatch(matcher -> matcher.selects(placeholder));
  }

  /** The matcher that makes {@link #selectsOnly} true, as written; for messages. */
  public String selectorOf(String placeholder) {
    return matchers.stream().filter(matcher -> matcher.selects(placeholder)).findFirst()
        .map(matcher -> text.substring(matcher.start(), matcher.end())).orElse(null);
  }

  /**
   * The query without its label matchers on the placeholder, with the commas around them: {@code x{job="a",
   * version="{{version}}"}} becomes {@code x{job="a"}}. Only for a query without {@link #problems()}.
   */
  public String withoutMatchersOn(String placeholder) {
    StringBuilder kept = new StringBuilder(text);
    List<LabelMatcher> dropped = matchers.stream().filter(matcher -> matcher.uses(placeholder)).toList();
    for (LabelMatcher matcher : dropped.reversed()) {
      int start = matcher.start();
      int end = matcher.end();
      int next = skipSpaces(kept, end);
      if (next < kept.length() && kept.charAt(next) == ',') {
        end = skipSpaces(kept, next + 1);
      } else {
        int previous = start - 1;
        while (previous >= 0 && Character.isWhitespace(kept.charAt(previous))) {
          previous--;
        }
        if (previous >= 0 && kept.charAt(previous) == ',') {
          start = previous;
        }
      }
      kept.delete(start, end);
    }
    return kept.toString();
  }

  private static int skipSpaces(CharSequence text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  @Override
  public String toString() {
    return text;
  }
}
