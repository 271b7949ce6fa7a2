package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.LocalPostgres;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRelated;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A feature-flag rollout that uses every kind of secret (the database password for the backup and the migration, the
 * Slack token, the PagerDuty routing key) and fails after the switch, so it backs up, migrates, reports, notifies,
 * rolls back and pages. The secrets reach the services that need them and nothing else: no API answer, no log line,
 * no report and no process variable holds one.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayHiddenProcessTest extends RunbookProcessTest {

  @RegisterExtension
  static final LocalPostgres POSTGRES = LocalPostgres.forTestClass("pg_dump", "pg_restore");

  /** The test secrets (RunbookProcessTest and application-test.yaml) and a test user's password. */
  static final List<String> SECRETS = List.of(LocalPostgres.PASSWORD, "xoxb-test-token", "test-routing-key",
      "test-pipeline-signing-secret", "test-alertmanager-token", "alice-pw");

  @Autowired TestRestTemplate anonymous;
  @Value("${greenlight.reports.directory}") Path reports;

  @Test
  void noSecretLeavesThroughAnAnswerALogLineAReportOrAVariable(CapturedOutput output) throws IOException {
    // the test profile's level; an application started earlier in this JVM (the demo's) may have lowered it
    LoggingSystem.get(getClass().getClassLoader()).setLogLevel("dev.greenlight", LogLevel.INFO);
    TestDatabase database = shopDatabase(POSTGRES);
    Rollout rollout = start("feature-flag", Map.of("deploy", "[/bin/true]", "deadline", "PT1M", "compareOnBreach",
        "rollback", "database",
        database.section("{tool: liquibase, changelog: liquibase/loyalty-tiers.xml}")));
    driver.decide(rollout.key(), "confirm-checklist", "go");
    driver.advance(Duration.ofHours(1), Duration.ofMinutes(30));
    driver.decide(rollout.key(), "approve-compare-mode", "go");
    driver.advance(Duration.ofHours(48), Duration.ofHours(12));
    driver.decide(rollout.key(), "approve-switch", "go");
    SERVICE.set("matchRate", 0.5);
    driver.advance(Duration.ofHours(6), Duration.ofHours(6));

    assertThat(driver.path(rollout.key())).as("the secrets were all needed").contains("back-up-database",
        "run-migrations", "page-oncall");
    assertThat(SERVICE.requests("POST", "/slack/api/chat.postMessage")).first()
        .satisfies(post -> assertThat(post.header("Authorization")).isEqualTo("Bearer xoxb-test-token"));
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).first()
        .satisfies(page -> assertThat(page.body()).contains("test-routing-key"));

    TestRestTemplate alice = anonymous.withBasicAuth("alice", "alice-pw");
    List<String> seen = new ArrayList<>();
    for (String path : List.of("/api/rollouts", "/api/rollouts/" + rollout.id(),
        "/api/rollouts/" + rollout.id() + "/reports", "/api/tasks")) {
      seen.add(path + " → " + alice.getForObject(path, String.class));
    }
    assertThat(output.getAll()).as("the log was captured").contains("Rollout " + rollout.id() + " started by alice",
        "Backed up database");
    seen.add("log → " + output.getAll());
    try (Stream<Path> files = Files.walk(reports.resolve(rollout.id()))) {
      for (Path report : files.filter(Files::isRegularFile).toList()) {
        seen.add(report + " → " + Files.readString(report));
      }
    }
    Set<Long> instances = driver.family(rollout.key());
    new EngineRecords(engine).all().stream()
        .filter(record -> record.getValue() instanceof ProcessInstanceRelated related
            && instances.contains(related.getProcessInstanceKey()))
        .forEach(record -> seen.add("record → " + record.getValue()));

    assertThat(seen).as("reports filed").anyMatch(text -> text.contains(".json → "));
    for (String secret : SECRETS) {
      assertThat(seen).as("nothing shows %s", secret).noneMatch(text -> text.contains(secret));
    }
  }
}
