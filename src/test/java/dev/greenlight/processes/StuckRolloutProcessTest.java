package dev.greenlight.processes;

import static dev.greenlight.support.PrometheusScrape.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.api.rollouts.RolloutView.IncidentView;
import dev.greenlight.failures.StuckRollouts;
import dev.greenlight.reports.ReportKind;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.support.Cli;
import dev.greenlight.support.Cli.Run;
import dev.greenlight.support.EngineRecords;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A step of a called process (the deploy, in {@code release-version}) that cannot run: its job is tried again with
 * growing pauses, then the incident shows on the rollout (API, CLI, metrics, reports) with where it is and since when;
 * the channels hear of it at once, the on-call is paged once it has waited longer than
 * {@code greenlight.incidents.page-after} on the engine's clock; fixing the cause and {@code greenlight retry} go on.
 */
class StuckRolloutProcessTest extends RunbookProcessTest {

  static final String DEPLOY_PATH = "Release a version › Deploy the version";

  @Autowired StuckRollouts stuckRollouts;
  @Autowired TestRestTemplate http;
  @LocalServerPort int port;
  /** A deploy whose tool is missing until a file exists (the person's fix); the server allows its scripts. */
  static final Path DEPLOY_WHEN_READY =
      Path.of("src/test/resources/process-tests/scripts/deploy-when-ready.sh").toAbsolutePath();

  @TempDir Path work;

  @Test
  void anIncidentInACalledProcessShowsOnTheRolloutPagesWhenStuckAndGoesOnWhenRetried() throws Exception {
    Path ready = work.resolve("deploy-tool-installed");
    Rollout rollout = start("canary", CanaryRolloutProcessTest.withDeploy("['" + DEPLOY_WHEN_READY + "', '" + ready
        + "']"));

    List<JobRecordValue> failures = failedJobs(rollout, "deploy-version");
    assertThat(failures).extracting(JobRecordValue::getRetries).as("three attempts").containsExactly(2, 1, 0);
    assertThat(failures.get(0).getRetryBackoff()).as("first pause 0.1 s ± 20 %").isBetween(80L, 120L);
    assertThat(failures.get(1).getRetryBackoff()).as("second pause 0.2 s ± 20 %").isBetween(160L, 240L);
    assertThat(failures.get(0).getErrorMessage()).startsWith(DEPLOY_PATH + " failed (attempt 1 of 3):"
        + " release.command.deploy (deploying 2.0.0 of checkout) failed: [" + DEPLOY_WHEN_READY + ", " + ready
        + "] exited with 127").contains("deploy-tool: command not found");

    RolloutView waiting = view(rollout);
    IncidentView incident = waiting.incidents().getFirst();
    assertThat(waiting.state()).isEqualTo(RolloutState.FAILED);
    assertThat(waiting.incidents()).hasSize(1);
    assertThat(incident.path()).isEqualTo(DEPLOY_PATH);
    assertThat(incident.message()).startsWith(DEPLOY_PATH + " failed 3 times: release.command.deploy (deploying 2.0.0"
        + " of checkout) failed:")
        .contains("— fix the cause, then run `greenlight retry " + rollout.id() + "`").contains("Error ");
    assertThat(incident.since()).isNotNull();
    assertThat(waiting.reason()).isEqualTo(incident.message());

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(SERVICE.slackMessages()).as("the channel hears of it at once").contains(incident.message());
      assertThat(SERVICE.pages()).as("a low-urgency notice, no page yet").singleElement().satisfies(page -> {
        assertThat(page.path("payload").path("severity").asText()).isEqualTo("warning");
        assertThat(page.path("payload").path("summary").asText()).isEqualTo(incident.message());
      });
    });
    assertThat(reports.list(rollout.id())).filteredOn(report -> report.kind() == ReportKind.STEP_FAILURE)
        .singleElement().satisfies(report -> {
          assertThat(report.summary()).isEqualTo(incident.message());
          assertThat(report.content().path("path").asText()).isEqualTo(DEPLOY_PATH);
        });
    stuckRollouts.check();
    assertThat(value(scrape(), "greenlight_rollout_incidents{service=\"checkout\",strategy=\"canary\"}")).isEqualTo(1);
    assertThat(SERVICE.pages()).as("not stuck long enough to page").hasSize(1);

    Run status = cli("status", rollout.id());
    assertThat(status.out()).contains("failed: " + incident.message())
        .contains(DEPLOY_PATH + ", since " + incident.since())
        .contains("Fix the cause, then: greenlight retry " + rollout.id());

    engine.increaseTime(Duration.ofMinutes(11));
    stuckRollouts.check();
    stuckRollouts.check();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(SERVICE.pages()).filteredOn(page -> page.path("payload").path("severity").asText().equals("error"))
          .as("paged once, with the incident's message").singleElement().satisfies(page -> {
            assertThat(page.path("dedup_key").asText()).isEqualTo("greenlight/" + rollout.id() + "/stuck-"
                + incident.key());
            assertThat(page.path("payload").path("summary").asText()).startsWith("Rollout " + rollout.id()
                + " is stuck: " + DEPLOY_PATH + " (waiting since " + incident.since() + "): " + DEPLOY_PATH + " failed");
          });
      assertThat(SERVICE.slackMessages()).anyMatch(text -> text.startsWith("Rollout " + rollout.id() + " is stuck"));
    });

    Files.createFile(ready);
    Run retried = cli("retry", rollout.id());
    driver.settle();

    assertThat(retried.exitCode()).as(retried.err()).isZero();
    assertThat(retried.out()).contains("Retrying " + rollout.id() + ":", DEPLOY_PATH);
    RolloutView goingOn = view(rollout);
    assertThat(goingOn.state()).isEqualTo(RolloutState.ACTIVE);
    assertThat(goingOn.incidents()).isEmpty();
    assertThat(goingOn.audit().retries()).as("who retried, from where").hasSize(1);
    assertThat(goingOn.audit().retries().get(0).path("by").asText()).isEqualTo("alice");
    assertThat(goingOn.audit().retries().get(0).path("via").asText()).isEqualTo("cli");
    assertThat(driver.path(rollout.key())).contains("smoke-test-canary", "shift-to-stage-weight");
    assertThat(SERVICE.canaryWeight()).isEqualTo(1);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));
    RolloutView measuring = view(rollout);
    assertThat(measuring.stage()).isEqualTo("canary");
    assertThat(measuring.gate()).as("the monitoring window's latest reading, while it runs").isNotNull();
    assertThat(measuring.gate().path("verdict").asText()).isEqualTo("pass");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SERVICE.pages())
        .anyMatch(page -> page.path("event_action").asText().equals("resolve")
            && page.path("dedup_key").asText().endsWith("/step-" + failures.get(0).getElementInstanceKey())));
    stuckRollouts.check();
    assertThat(value(scrape(), "greenlight_rollout_incidents{service=\"checkout\",strategy=\"canary\"}")).isZero();

    Run nothingToRetry = cli("retry", rollout.id());
    assertThat(nothingToRetry.exitCode()).isEqualTo(1);
    assertThat(nothingToRetry.err()).isEqualTo("Conflict (409), the state changed or does not allow this: Rollout "
        + rollout.id() + " has no incident waiting for a retry; it is active\n");
  }

  @Test
  void abortWhileAStepWaitsOnAnIncidentRollsBackAndEndsAborted() {
    Rollout rollout = start("canary", CanaryRolloutProcessTest.withDeploy("[/bin/false]"));
    assertThat(view(rollout).state()).isEqualTo(RolloutState.FAILED);

    assertThat(http.withBasicAuth("carol", "carol-pw").postForEntity("/api/rollouts/" + rollout.id() + "/abort",
        Map.of("reason", "no deploy today"), JsonNode.class).getStatusCode().value()).isEqualTo(202);
    driver.settle();

    assertThat(driver.path(rollout.key())).contains("roll-back-on-abort", "return-traffic", "aborted");
    assertEnded(rollout, RolloutState.ABORTED, "aborted by carol at ");
    assertThat(view(rollout).reason()).endsWith(": no deploy today");
    assertThat(view(rollout).incidents()).isEmpty();
  }

  @Test
  void aRolloutThatIsNotStuckIsNeitherRetriedNorPaged() {
    Rollout rollout = start("canary", CanaryRolloutProcessTest.DEFAULTS);
    engine.increaseTime(Duration.ofMinutes(20));
    stuckRollouts.check();

    assertThat(view(rollout).state()).isEqualTo(RolloutState.ACTIVE);
    assertThat(SERVICE.pages()).isEmpty();
    assertThat(http.withBasicAuth("alice", "alice-pw").postForEntity("/api/rollouts/" + rollout.id() + "/retry",
        null, JsonNode.class).getStatusCode().value()).isEqualTo(409);
    assertThat(http.withBasicAuth("alice", "alice-pw").postForEntity("/api/rollouts/no-such-rollout/retry", null,
        JsonNode.class).getStatusCode().value()).isEqualTo(404);
  }

  private List<JobRecordValue> failedJobs(Rollout rollout, String type) {
    var family = driver.family(rollout.key());
    return new EngineRecords(engine).all().stream()
        .filter(r -> r.getValueType() == ValueType.JOB && r.getRecordType() == RecordType.EVENT
            && r.getIntent() == JobIntent.FAILED)
        .map(r -> (JobRecordValue) r.getValue())
        .filter(job -> job.getType().equals(type) && family.contains(job.getProcessInstanceKey()))
        .toList();
  }

  private Run cli(String... command) {
    List<String> arguments = new java.util.ArrayList<>(List.of(command));
    arguments.addAll(List.of("--server", "http://127.0.0.1:" + port, "--user", "alice", "--password", "alice-pw"));
    return Cli.run(arguments.toArray(String[]::new));
  }

  private String scrape() {
    return http.getForObject("/actuator/prometheus", String.class);
  }
}
