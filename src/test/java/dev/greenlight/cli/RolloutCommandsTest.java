package dev.greenlight.cli;

import static dev.greenlight.support.RolloutApiSpringTest.PASSWORD;
import static dev.greenlight.support.RolloutApiSpringTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greenlight.support.ApiTestRunbooks;
import dev.greenlight.support.Cli;
import dev.greenlight.support.Cli.Run;
import dev.greenlight.support.RolloutApiSpringTest;
import dev.greenlight.support.RolloutTestProcess;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** start, list, status and abort end to end: the CLI over HTTP against the running server on the embedded engine. */
@RolloutApiSpringTest
class RolloutCommandsTest {

  @LocalServerPort int port;
  @Autowired CamundaClient client;

  @BeforeEach
  void deployTheStandInProcess() {
    RolloutTestProcess.deploy(client);
    ApiTestRunbooks.write();
  }

  @Test
  void startFollowAndAbortARollout() {
    Run start = cli("start", "analyzer-canary", "--version", "1.11.0", "--ticket", "CHG-1234");

    assertThat(start.exitCode()).as(start.err()).isZero();
    Matcher started = Pattern.compile("Started rollout (analyzer-\\d{8}-[0-9a-f]{4}) \\(process canary-rollout,"
        + " instance \\d+\\)\n").matcher(start.out());
    assertThat(started.matches()).as(start.out()).isTrue();
    String rolloutId = started.group(1);

    Run status = await().atMost(Duration.ofSeconds(30))
        .until(() -> cli("status", rolloutId), run -> run.out().contains("Decide go/no-go"));
    assertThat(status.out()).contains("State     active", "Service   analyzer", "Ticket    CHG-1234",
        "by " + USER, "Pending decisions:", "deployment-lead");
    assertThat(status.out()).containsPattern("\\d+: Go on with the canary\\?\n  The gate held for two hours\\.\n");
    Run list = cli("list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out().lines().findFirst().orElseThrow())
        .matches("ROLLOUT +STRATEGY +SERVICE +VERSION +STATE +CURRENT +STARTED BY");
    assertThat(list.out()).containsPattern(rolloutId + " +canary +analyzer +1\\.11\\.0 +active +Decide go/no-go +"
        + USER);

    Run abort = cli("abort", rolloutId, "--reason", "error budget burnt");
    assertThat(abort.exitCode()).as(abort.err()).isZero();
    assertThat(abort.out()).isEqualTo("Abort requested by " + USER + ": error budget burnt\n");
    await().atMost(Duration.ofSeconds(20)).until(() -> cli("status", rolloutId).out().contains("State     aborted"));

    Run again = cli("abort", rolloutId, "--reason", "twice");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).startsWith("Conflict (409)").contains("is aborted");
  }

  @Test
  void failuresExplainWhatToFix(@TempDir Path directory) throws IOException {
    Run unknown = cli("start", "payments", "--version", "1.0.0");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("Not found (404): No runbook named 'payments'").contains("analyzer-canary");

    Run invalid = cli("start", "--file", "pom.xml", "--version", "1.0.0");
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err()).startsWith("The server refused the request (400 Bad Request): the spec is invalid");

    Path unanswered = Files.writeString(directory.resolve("unanswered.yaml"), ApiTestRunbooks.yaml("analyzer-canary")
        .replace("analyzer_request_duration_seconds_bucket", ApiTestRunbooks.NO_SERIES_METRIC));
    Run refused = cli("start", "--file", unanswered.toString(), "--version", "1.0.0");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).startsWith("The server could not do it (422): The rollout of analyzer was not started: 1"
        + " of its 2 metric queries did not answer").contains("\n  latencyP99: no data — Prometheus returned no"
        + " series for histogram_quantile(0.99,");

    Run noSuchRollout = cli("status", "nope-20260101-0000");
    assertThat(noSuchRollout.err()).isEqualTo("Not found (404): No rollout with id 'nope-20260101-0000';"
        + " greenlight list shows the rollouts\n");

    Run wrongPassword = Cli.run("list", "--server", "http://127.0.0.1:" + port, "--user", USER, "--password", "no");
    assertThat(wrongPassword.exitCode()).isEqualTo(1);
    assertThat(wrongPassword.err()).startsWith("The server did not accept the credentials (401 Unauthorized)");
  }

  private Run cli(String... args) {
    return Cli.run(Stream.concat(Stream.of(args),
        Stream.of("--server", "http://127.0.0.1:" + port, "--user", USER, "--password", PASSWORD))
        .toArray(String[]::new));
  }
}
