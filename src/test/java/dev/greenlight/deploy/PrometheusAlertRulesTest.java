package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert rules of the production stack, checked and unit-tested by the real {@code promtool}. */
class PrometheusAlertRulesTest {

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  @BeforeAll
  static void promtoolIsInstalled() {
    assertThat(Files.isExecutable(PROMTOOL))
        .as("%s is missing: install the Debian package prometheus (apt-get install prometheus)", PROMTOOL)
        .isTrue();
  }

  @Test
  void alertRulesPassPromtoolCheck() throws Exception {
    PromtoolRun run = promtool("check", "rules", "deploy/prometheus/alerts.yml");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS: 10 rules found");
  }

  @Test
  void errorRateDatabaseDownOverdueDecisionAndRollbackFailedAlertsFireAsTheirUnitTestsExpect() throws Exception {
    PromtoolRun run = promtool("test", "rules", "deploy/prometheus/alerts-test.yml");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  @Test
  void composesPrometheusConfigurationPassesPromtoolCheckWithTheAlertRules(@TempDir Path directory) throws Exception {
    Path config = directory.resolve("prometheus.yml");
    Files.writeString(config, Files.readString(Path.of("deploy/prometheus/prometheus.yml"))
        .replace("/etc/prometheus/alerts.yml", Path.of("deploy/prometheus/alerts.yml").toAbsolutePath().toString()));

    PromtoolRun run = promtool("check", "config", config.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS: 1 rule files found");
  }

  private static PromtoolRun promtool(String... arguments) throws IOException, InterruptedException {
    String[] command = new String[arguments.length + 1];
    command[0] = PROMTOOL.toString();
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool %s finished within 60 s", arguments[0]).isTrue();
    return new PromtoolRun(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private record PromtoolRun(int exitCode, String output) {}
}
