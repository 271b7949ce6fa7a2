package dev.greenlight.promql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The PromQL checker's verdicts and messages, one rule at a time; {@code PromtoolAgreementTest} holds it to Prometheus. */
class PromQlQueryTest {

  @Test
  void theRunbooksQueriesAreFine() {
    assertThat(PromQlQuery.of("sum(rate(analyzer_requests_total{version=\"{{version}}\",status=~\"5..\"}[5m]))"
        + " / sum(rate(analyzer_requests_total{version=\"{{version}}\"}[5m]))").problems()).isEmpty();
    assertThat(PromQlQuery.of("histogram_quantile(0.99,\n  sum by (le) (rate(x_bucket{job='{{service}}'}[5m])))")
        .problems()).isEmpty();
    assertThat(PromQlQuery.of("max_over_time(embedding_queue_depth[15m]) # deepest queue").problems()).isEmpty();
    assertThat(PromQlQuery.of("sum without (instance) (up{job=\"a\",}) / on (job) group_left count by (job) (x offset 1h30m)"
        + " > bool 0.5e1").problems()).isEmpty();
    assertThat(PromQlQuery.of("max_over_time(rate(x[1m])[30m:1m]) - x @ start() + sum by (quantile) (y)").problems())
        .isEmpty();
  }

  @Test
  void anUnclosedParenthesisSaysWhereItOpened() {
    assertThat(PromQlQuery.of("sum(rate(x[5m])").problems())
        .containsExactly("character 4 ('('): this '(' is never closed; add the matching ')'");
  }

  @Test
  void aClosingBracketOfTheWrongKindNamesTheOneItShouldClose() {
    assertThat(PromQlQuery.of("sum(rate(x[5m)))").problems())
        .contains("character 14 (')'): expected ']' to close the '[' at character 11");
  }

  @Test
  void aClosingBracketWithoutAnOpeningOneIsReported() {
    assertThat(PromQlQuery.of("rate(x[5m]))").problems())
        .containsExactly("character 12 (')'): nothing to close here; remove it or add the opening bracket it belongs to");
  }

  @Test
  void anUnclosedBraceIsReported() {
    assertThat(PromQlQuery.of("x{job=\"a\"").problems())
        .containsExactly("character 2 ('{'): this '{' is never closed; add the matching '}'");
  }

  @Test
  void anUnclosedStringIsReported() {
    assertThat(PromQlQuery.of("x{job=\"checkout}").problems()).containsExactly(
        "character 7: the string \"checkout} is not closed; add the closing \"",
        "character 2 ('{'): this '{' is never closed; add the matching '}'");
  }

  @Test
  void anUnknownFunctionGetsTheNearestKnownOne() {
    assertThat(PromQlQuery.of("sum(rat(x[5m]))").problems())
        .containsExactly("character 5 ('rat'): unknown function rat; did you mean rate?");
    assertThat(PromQlQuery.of("histgram_quantile(0.9, x)").problems())
        .containsExactly("character 1 ('histgram_quantile'): unknown function histgram_quantile; did you mean"
            + " histogram_quantile?");
    assertThat(PromQlQuery.of("frobnicate(x)").problems())
        .containsExactly("character 1 ('frobnicate'): unknown function frobnicate; see"
            + " https://prometheus.io/docs/prometheus/latest/querying/functions/");
  }

  @Test
  void anAggregationNeedsItsArgumentInParentheses() {
    assertThat(PromQlQuery.of("sum x").problems())
        .containsExactly("character 1 ('sum'): sum needs its argument in parentheses, e.g. sum(rate(requests_total[5m]))");
    assertThat(PromQlQuery.of("sum by le (x)").problems())
        .containsExactly("character 5 ('by'): by needs a list of labels in parentheses, e.g. by (job)");
  }

  @Test
  void aLabelMatcherNeedsAnOperatorAndAQuotedValue() {
    assertThat(PromQlQuery.of("x{job}").problems())
        .containsExactly("character 3 ('job'): label job needs a matcher such as job=\"value\" (operators =, !=, =~, !~)");
    assertThat(PromQlQuery.of("x{job==\"a\"}").problems()).containsExactly("character 3 ('job'): label job needs a"
        + " matcher such as job=\"value\" (operators =, !=, =~, !~); a label matcher uses =, not ==");
    assertThat(PromQlQuery.of("x{job=checkout}").problems())
        .containsExactly("character 7 ('checkout'): the value of label job must be quoted, e.g. job=\"value\"");
    assertThat(PromQlQuery.of("x{version={{version}}}").problems()).containsExactly(
        "character 11 ('{{version}}'): the value of label version must be quoted, e.g. version=\"{{version}}\"");
    assertThat(PromQlQuery.of("x{job=\"a\" env=\"b\"}").problems())
        .containsExactly("character 11 ('env'): expected ',' or '}' after the matcher job=\"a\"");
  }

  @Test
  void aRangeIsADurationWithAUnit() {
    assertThat(PromQlQuery.of("rate(x[300])").problems()).containsExactly("character 8 ('300'): a range is a duration"
        + " with a unit, such as [5m], or a subquery's range and step, such as [30m:1m]");
    assertThat(PromQlQuery.of("rate(x[5min])").problems()).containsExactly("character 8: '5min' is neither a number"
        + " nor a duration; durations are written like 30s, 5m, 1h30m (units ms, s, m, h, d, w, y)",
        "character 12 (']'): a range is a duration with a unit, such as [5m], or a subquery's range and step,"
            + " such as [30m:1m]");
    assertThat(PromQlQuery.of("rate(x[$__rate_interval])").problems()).startsWith("character 8: '$' is not PromQL;"
        + " Grafana variables such as $__rate_interval do not work here, write a duration such as 5m");
  }

  @Test
  void placeholdersMustBeKnownAndQuoted() {
    assertThat(PromQlQuery.of("x{job=\"{{servce}}\"}").problems()).containsExactly("character 8 ('{{servce}}'):"
        + " unknown placeholder; use {{service}}, {{version}} or {{rolloutId}}");
    assertThat(PromQlQuery.of("{{service}}_requests_total").problems()).containsExactly("character 1"
        + " ('{{service}}'): a placeholder must be inside quotes, as a label value such as job=\"{{service}}\"");
    assertThat(PromQlQuery.of("x{job=`{{service}}`}").problems()).containsExactly("character 8 ('{{service}}'):"
        + " placeholders are escaped for \"...\" or '...' strings; use one of those instead of backticks");
    assertThat(PromQlQuery.of("x{job=\"{{service\"}").problems()).containsExactly("character 8: the placeholder"
        + " '{{' is not closed; write {{service}}, {{version}} or {{rolloutId}}");
    assertThat(PromQlQuery.of("x{job=\"{{ service }}\"}").problems()).isEmpty();
  }

  @Test
  void theVersionAndRolloutIdMayOnlyBeALabelMatchersValue() {
    assertThat(PromQlQuery.of("label_replace(x, \"v\", \"{{version}}\", \"\", \"\")").problems())
        .containsExactly("character 24 ('{{version}}'): {{version}} may only be a label matcher's value, e.g."
            + " version=\"{{version}}\", so that the check before a rollout can leave it out");
    assertThat(PromQlQuery.of("label_replace(x, \"s\", \"{{service}}\", \"\", \"\")").problems()).isEmpty();
  }

  @Test
  void anEmptyQueryIsReported() {
    assertThat(PromQlQuery.of("  # nothing here\n").problems()).containsExactly("the query is empty");
  }

  @Test
  void aQueryMatchingTheVersionSelectsOnlyTheNewVersion() {
    PromQlQuery canaryOnly = PromQlQuery.of("sum(rate(x{job=\"a\", version=~\"{{version}}\"}[5m]))");

    assertThat(canaryOnly.selectsOnly("version")).isTrue();
    assertThat(canaryOnly.selectorOf("version")).isEqualTo("version=~\"{{version}}\"");
    assertThat(PromQlQuery.of("sum(rate(x{version!=\"{{version}}\"}[5m]))").selectsOnly("version")).isFalse();
    assertThat(PromQlQuery.of("sum(rate(x{job=\"{{service}}\"}[5m]))").selectsOnly("version")).isFalse();
  }

  @Test
  void dropsTheMatchersOnAPlaceholderWithTheirCommas() {
    assertThat(PromQlQuery.of("x{job=\"a\", version=\"{{version}}\", status=~\"5..\"} / y{version=\"{{version}}\","
        + " job=\"a\"} / z{job=\"a\",version!=\"{{version}}\"} / w{version=\"{{version}}\"}")
        .withoutMatchersOn("version"))
        .isEqualTo("x{job=\"a\", status=~\"5..\"} / y{job=\"a\"} / z{job=\"a\"} / w{}");
  }
}
