package dev.greenlight.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.greenlight.integrations.metrics.QueryContext;
import dev.greenlight.integrations.metrics.prometheus.PromQlTemplate;
import dev.greenlight.spec.MetricSource;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds the checker to Prometheus's own parser ({@code promtool check rules}, Debian package prometheus): what it
 * accepts, Prometheus parses; the PromQL mistakes it reports, Prometheus refuses too.
 */
class PromtoolAgreementTest {

  static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  static final QueryContext CONTEXT = new QueryContext("checkout", "2.0.0", "checkout-20261123-7f3a");

  @TempDir Path directory;

  @Test
  void everyQueryTheCheckerAcceptsPrometheusParses() throws Exception {
    List<String> accepted = new ArrayList<>(shippedQueries());
    accepted.addAll(List.of(
        "sum without (instance) (up{job=\"a\",}) / on (job) group_left count by (job) (x offset 1h30m) > bool 0.5e1",
        "max_over_time(rate(x[1m])[30m:1m]) - x @ start() + sum by (quantile) (y)",
        "topk(3, sum by (path) (rate(http_requests_total{job='{{service}}'}[5m])))",
        "x{version=\"{{version}}\"} / ignoring (version) y{}",
        "label_replace(x, \"svc\", \"{{service}}\", \"\", \"\")"));
    for (String query : accepted) {
      assertThat(PromQlQuery.of(query).problems()).as(query).isEmpty();
      assertThat(promtool(render(query))).as("promtool on %s", query).isNull();
      assertThat(promtool(PromQlQuery.of(query).withoutMatchersOn("version").replace("{{service}}", "checkout")))
          .as("promtool on %s without its version matchers", query).isNull();
    }
  }

  @Test
  void thePromQlMistakesTheCheckerReportsPrometheusRefusesToo() throws Exception {
    List<String> refused = List.of("sum(rate(x[5m])", "sum(rate(x[5m)))", "rate(x[5m]))", "x{job=\"a\"",
        "x{job=\"checkout}", "sum(rat(x[5m]))", "sum x", "x{job}", "x{job==\"a\"}", "x{job=checkout}",
        "x{job=\"a\" env=\"b\"}", "rate(x[5min])", "rate(x[1.5h])", "sum by le (x)", "");
    for (String query : refused) {
      assertThat(PromQlQuery.of(query).problems()).as(query).isNotEmpty();
      assertThat(promtool(query)).as("promtool on %s", query).isNotNull();
    }
  }

  /** Every Prometheus query of the runbooks shipped in runbooks/ and deploy/runbooks/. */
  private static List<String> shippedQueries() throws IOException {
    List<String> queries = new ArrayList<>();
    for (Path folder : List.of(Path.of("runbooks"), Path.of("deploy/runbooks"))) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          RunbookSpec spec = new SpecReader().read(file);
          if (spec.metrics().provider() == MetricSource.MetricProvider.PROMETHEUS) {
            spec.metrics().queries().values().forEach(query -> queries.add(query.query()));
          }
        }
      }
    }
    assertThat(queries).hasSizeGreaterThan(5);
    return queries;
  }

  private static String render(String query) {
    return PromQlTemplate.render(query, "q", CONTEXT);
  }

  /** promtool's complaint about the expression, or null when it parses. */
  private String promtool(String expression) throws Exception {
    if (!Files.isExecutable(PROMTOOL)) {
      fail(PROMTOOL + " is missing: this test needs promtool (Debian: apt-get install prometheus)");
    }
    Path rules = Files.writeString(directory.resolve("rules.yml"), "groups:\n- name: g\n  rules:\n  - record: q\n"
        + "    expr: '" + expression.replace("'", "''") + "'\n");
    Process process = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", rules.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return process.waitFor() == 0 ? null : output;
  }
}
