package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.support.Cli;
import dev.greenlight.support.Cli.Run;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** greenlight lint, offline, and with --live against a stand-in Prometheus. */
class LintCommandTest {

  @TempDir Path directory;

  @Test
  void validFilesAreOk() {
    Run run = Cli.run("lint", "runbooks/analyzer-canary.yaml", "runbooks/embedding-staged-flags.yaml");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("runbooks/analyzer-canary.yaml: ok\nrunbooks/embedding-staged-flags.yaml: ok\n");
  }

  @Test
  void everyErrorOfEveryFileIsPrintedAndTheExitCodeIsOne() throws IOException {
    Path broken = directory.resolve("broken.yaml");
    Files.writeString(broken, Files.readString(Path.of("runbooks/analyzer-canary.yaml"))
        .replace("strategy: canary", "strategy: rainbow")
        .replace("duration: PT2H", "duration: two hours"));

    Run run = Cli.run("lint", "runbooks/analyzer-canary.yaml", broken.toString(),
        directory.resolve("missing.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines()).containsExactly(
        "runbooks/analyzer-canary.yaml: ok",
        broken + ": strategy: unknown strategy 'rainbow'; use one of feature-flag, canary, blue-green, staged-flags",
        broken + ": stages[0].duration: 'two hours' is not an ISO-8601 duration longer than zero, such as PT30S, PT10M, PT2H or P1D",
        directory.resolve("missing.yaml") + ": cannot read the file: java.nio.file.NoSuchFileException: "
            + directory.resolve("missing.yaml"));
  }

  @Test
  void liveRunsEveryQueryOnceForTheLiveVersionAndSaysWhatItAnswered() throws IOException {
    try (LocalHttpServer prometheus = LocalHttpServer.start(request -> Response.json(200, "{\"status\": \"success\","
        + " \"data\": {\"resultType\": \"vector\", \"result\": [{\"metric\": {}, \"value\": [1700000000,"
        + " \"0.0012\"]}]}}"))) {
      Path runbook = withMetricSource(prometheus);

      Run run = Cli.run("lint", "--live", "--live-version", "1.10.0", runbook.toString());

      assertThat(run.exitCode()).as(run.out()).isZero();
      assertThat(run.out().lines()).containsExactly(runbook + ": ok", runbook + ": every query answered for the live"
          + " version 1.10.0: errorRate 0.12 %, latencyP99 1.2 ms");
      assertThat(prometheus.requests()).hasSize(2).allSatisfy(request -> assertThat(
          URLDecoder.decode(request.path(), StandardCharsets.UTF_8)).contains("version=\"1.10.0\""));
    }
  }

  @Test
  void liveNamesEachQueryThatDidNotAnswerAndFails() throws IOException {
    try (LocalHttpServer prometheus = LocalHttpServer.start(request -> Response.json(503, "{\"status\": \"error\","
        + " \"errorType\": \"unavailable\", \"error\": \"too many queries\"}"))) {
      Path runbook = withMetricSource(prometheus);

      Run run = Cli.run("lint", "--live", runbook.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out().lines()).containsExactly(runbook + ": ok",
          runbook + ": metrics.queries.errorRate: Prometheus answered 503 (unavailable): too many queries",
          runbook + ": metrics.queries.latencyP99: Prometheus answered 503 (unavailable): too many queries");
      assertThat(URLDecoder.decode(prometheus.requests().getFirst().path(), StandardCharsets.UTF_8))
          .as("without a live version the version matchers are left out").doesNotContain("version=");
    }
  }

  @Test
  void withTheServersConfigurationEveryCommandAndFileItRefusesIsPrinted() throws IOException {
    Path config = Files.writeString(directory.resolve("application.yaml"), """
        greenlight:
          runbooks:
            directory: runbooks
          files:
            allowed-roots: [/var/backups]
        """);

    Run run = Cli.run("lint", "--server-config", config.toString(), "runbooks/analyzer-canary.yaml",
        "runbooks/msia-element-system.yaml");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines()).containsExactly(
        "runbooks/analyzer-canary.yaml: ok",
        "runbooks/msia-element-system.yaml: database.migrations.command: 'alembic' was not found on Greenlight's"
            + " PATH (" + System.getenv("PATH") + ")",
        "runbooks/msia-element-system.yaml: database.migrations.rollbackCommand: 'alembic' was not found on"
            + " Greenlight's PATH (" + System.getenv("PATH") + ")",
        "runbooks/msia-element-system.yaml: flags.file: '/srv/msia-api/features.env' is outside"
            + " greenlight.files.allowed-roots [/var/backups]: write it under one of them, or have the operator add"
            + " a root");
  }

  @Test
  void aServerConfigurationThatCannotBeReadStopsLintWithWhy() {
    Run run = Cli.run("lint", "--server-config", directory.resolve("nope.yaml").toString(),
        "runbooks/analyzer-canary.yaml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("No server configuration at " + directory.resolve("nope.yaml") + "\n");
  }

  private Path withMetricSource(LocalHttpServer prometheus) throws IOException {
    return Files.writeString(directory.resolve("analyzer.yaml"),
        Files.readString(Path.of("runbooks/analyzer-canary.yaml"))
            .replace("http://prometheus.internal:9090", prometheus.uri("").toString()));
  }
}
