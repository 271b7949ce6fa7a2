package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.reports.ReportKind;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.support.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 004 on the embedded engine with the real workers: every way a staged flag rollout ends. */
class StagedFlagRolloutProcessTest extends RunbookProcessTest {

  @RegisterExtension
  static final LocalPostgres POSTGRES = LocalPostgres.forTestClass("pg_dump", "pg_restore");


  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration HOLD = Duration.ofHours(48);
  static final Duration CHECK = Duration.ofHours(12);
  static final String MIGRATIONS = "{tool: command, command: [/bin/true], rollbackCommand: [/bin/true]}";

  /** Where the release's scale command writes what it was asked to scale, and to how many instances. */
  Path replicasFile;
  static final String QUEUE_WORKERS = "embedding-queue-workers";

  @BeforeEach
  void newReplicasFile() throws IOException {
    replicasFile = Files.createTempFile(Files.createDirectories(Path.of("target")), "process-test-replicas", ".txt");
  }

  /**
   * The release on one line: commands that deploy and revert at once, report 1.0.0 as live, and scale by writing
   * {@code GREENLIGHT_SERVICE} and {@code GREENLIGHT_REPLICAS} to {@link #replicasFile}; the values arrive in the
   * environment, the file as an argument. The queue workers a full rollback stops are {@value #QUEUE_WORKERS}.
   */
  String release(String deploy, String deadline) {
    return "{provider: command, deadline: " + deadline + ", command: {deploy: " + deploy + ", revert: [/bin/true],"
        + " currentVersion: [/bin/echo, '1.0.0'],"
        + " scale: ['" + Path.of("src/test/resources/process-tests/scripts/record-replicas.sh").toAbsolutePath()
        + "', '" + replicasFile + "']}, queueWorkers: " + QUEUE_WORKERS + "}";
  }

  Rollout start(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(
        Map.of("database", NO_DATABASE, "release", release("[/bin/true]", "PT1M")));
    values.putAll(overrides);
    return start("staged-flags", values);
  }

  static JsonNode flag(String name) {
    return SERVICE.flag(name);
  }

  String recordedReplicas() {
    try {
      return Files.readString(replicasFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Seed 004's flag shape: the feature on at a percentage of users, or off. */
  static JsonNode staged(boolean enabled, int rolloutPercentage) {
    return JSON.createObjectNode().put("enabled", enabled).put("rolloutPercentage", rolloutPercentage);
  }

  /** Each value the flag API was asked to set for the flag, in order. */
  static List<JsonNode> written(String flag) {
    return SERVICE.requests("PUT", "/flags/" + flag).stream().map(request -> {
      try {
        return JSON.readTree(request.body()).get("value");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList();
  }

  @Test
  void everyStageRaisesItsFeaturesToItsWeightAndTheRolloutEndsWithThePerformanceReport() {
    Rollout rollout = start(Map.of());
    assertThat(flag("embeddingMonitoring")).isEqualTo(staged(true, 5));
    assertThat(flag("queueBasedProcessing")).isEqualTo(staged(true, 5));

    driver.advance(HOLD, CHECK);
    assertThat(flag("queueBasedProcessing")).as("a stage without flags keeps the features on").isEqualTo(staged(true, 25));
    driver.advance(HOLD, CHECK);
    driver.advance(HOLD, CHECK);
    driver.advance(HOLD, CHECK);

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    for (String flag : List.of("embeddingMonitoring", "queueBasedProcessing")) {
      assertThat(written(flag)).as("what the flag API was asked to set for " + flag)
          .containsExactly(staged(true, 5), staged(true, 25), staged(true, 50), staged(true, 100));
    }
    assertThat(SERVICE.requests("PUT", "/flags/batchOptimization")).as("no stage turns it on").isEmpty();
    assertThat(driver.path(rollout.key())).contains("deploy-dark", "measure-baseline", "open-flags", "hold-stage",
        "performance-report", "rolled-out").doesNotContain("full-rollback", "partial-rollback");
    assertThat(driver.path(rollout.key())).filteredOn("hold-stage"::equals).as("one hold per stage").hasSize(4);
    assertThat(reports.list(rollout.id())).extracting(report -> report.kind())
        .containsExactly(ReportKind.BASELINE, ReportKind.PERFORMANCE, ReportKind.OUTCOME);
    assertThat(SERVICE.slackMessages()).as("the performance report is posted").contains(
        reports.list(rollout.id()).get(1).summary());
    assertThat(SERVICE.requests("POST", "/pagerduty")).isEmpty();
    assertEnded(rollout, RolloutState.SUCCEEDED, null);
  }

  @Test
  void aJsonFlagFileHoldsEachStagesPercentage() throws IOException {
    Path flagFile = Files.createTempFile(Files.createDirectories(Path.of("target")), "process-test-flags", ".json");
    Files.writeString(flagFile, "{\"unrelatedFlag\": \"kept\"}");
    String yaml = runbookYaml("staged-flags", Map.of("database", NO_DATABASE, "release", release("[/bin/true]", "PT1M")))
        .replace("  provider: http\n  url: " + SERVICE.uri("") + "/flags\n",
            "  provider: file\n  file: '" + flagFile.toAbsolutePath() + "'\n");
    assertThat(yaml).contains("provider: file");
    Rollout rollout = startYaml(yaml);

    List<JsonNode> seen = new ArrayList<>();
    seen.add(JSON.readTree(flagFile.toFile()));
    for (int stage = 1; stage < 4; stage++) {
      driver.advance(HOLD, CHECK);
      seen.add(JSON.readTree(flagFile.toFile()));
    }
    driver.advance(HOLD, CHECK);

    assertThat(seen).extracting(file -> file.get("queueBasedProcessing"))
        .containsExactly(staged(true, 5), staged(true, 25), staged(true, 50), staged(true, 100));
    assertThat(seen).extracting(file -> file.get("embeddingMonitoring"))
        .containsExactly(staged(true, 5), staged(true, 25), staged(true, 50), staged(true, 100));
    assertThat(JSON.readTree(flagFile.toFile()).get("unrelatedFlag").asText()).isEqualTo("kept");
    assertEnded(rollout, RolloutState.SUCCEEDED, null);
  }

  @Test
  void aPartialTriggerTurnsOnlyItsFeatureOff() {
    Rollout rollout = start(Map.of());
    driver.advance(HOLD, CHECK);
    assertThat(flag("queueBasedProcessing")).isEqualTo(staged(true, 25));

    SERVICE.set("queueDepth", 900);
    driver.advance(CHECK, CHECK);

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("partial-rollback-needed", "feature-failed", "partial-rollback",
        "disable-failing-feature", "page-oncall", "partially-rolled-back")
        .doesNotContain("disable-new-system", "stop-workers", "revert-version");
    assertThat(driver.variable(rollout.key(), "gate")).extracting("trigger", "action")
        .containsExactly("queue-backlog", "partial");
    assertThat(flag("queueBasedProcessing")).as("the trigger's disableFlag").isEqualTo(staged(false, 0));
    assertThat(flag("embeddingMonitoring")).as("the other feature stays at its percentage").isEqualTo(staged(true, 25));
    assertThat(recordedReplicas()).as("the queue workers keep running").isEmpty();
    assertEnded(rollout, RolloutState.PARTIALLY_ROLLED_BACK, "queueProcessing turned off (");
    assertThat(view(rollout).reason()).endsWith("still on: monitoring at 25 %");
  }

  @Test
  void aFullTriggerTurnsEveryFlagOffStopsTheWorkersAndRevertsTheVersion() {
    TestDatabase database = shopDatabase(POSTGRES);
    Rollout rollout = start(Map.of("database", database.section(MIGRATIONS)));

    SERVICE.set("errorRate", 0.2);
    driver.advance(CHECK, CHECK);

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("back-up-database", "run-migrations", "full-rollback-needed",
        "stage-failed", "full-rollback", "disable-new-system", "stop-workers", "revert-version",
        "rollback-migrations", "count-rows-since-backup", "page-oncall", "rolled-back")
        .doesNotContain("performance-report", "disable-failing-feature");
    assertThat(driver.variable(rollout.key(), "gate")).extracting("trigger", "action")
        .containsExactly("system-errors", "full");
    assertThat(flag("embeddingMonitoring")).isEqualTo(staged(false, 0));
    assertThat(flag("queueBasedProcessing")).isEqualTo(staged(false, 0));
    assertThat(flag("batchOptimization")).isEqualTo(staged(false, 0));
    assertThat(recordedReplicas()).as("scaled, not the service").isEqualTo(QUEUE_WORKERS + " 0");
    assertThat(driver.variable(rollout.key(), "previousVersion")).isEqualTo("1.0.0");
    assertThat(driver.path(rollout.key())).doesNotContain("restore-database");
    assertThat(driver.variable(rollout.key(), "databaseRollback")).extracting("outcome").asString()
        .startsWith("Migrations rolled back with '/bin/true'. Database left as it was: no rows were added");
    assertEnded(rollout, RolloutState.ROLLED_BACK, "system-errors");
  }

  @Test
  void aDeployThatMissesItsDeadlineRollsBackFullyBeforeAnyFlagOpens() {
    Rollout rollout = start(Map.of("release", release("[/bin/sleep, '5']", "PT1S")));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("deploy-failed", "full-rollback", "stop-workers", "rolled-back")
        .doesNotContain("open-flags", "measure-baseline");
  }

  @Test
  void aFailedMigrationRollsBackFullyAndKeepsTheData() {
    TestDatabase database = shopDatabase(POSTGRES);
    Rollout rollout = start(Map.of("database",
        database.section("{tool: command, command: [/bin/false], rollbackCommand: [/bin/true]}")));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("migration-failed", "full-rollback", "revert-version",
        "count-rows-since-backup", "rolled-back")
        .doesNotContain("open-flags", "rollback-migrations", "restore-database");
    assertThat(recordedReplicas()).isEqualTo(QUEUE_WORKERS + " 0");
  }

  @Test
  void abortDuringAHoldRollsBackFullyWithoutPaging() {
    Rollout rollout = start(Map.of());
    driver.advance(CHECK, CHECK);

    driver.publish("abort-rollout", rollout.id(), Map.of("abortReason", "queue cost", "abortedBy", "carol"));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("roll-back-on-abort", "disable-new-system", "stop-workers",
        "revert-version", "aborted").doesNotContain("page-oncall");
    assertThat(flag("queueBasedProcessing")).isEqualTo(staged(false, 0));
    assertThat(recordedReplicas()).isEqualTo(QUEUE_WORKERS + " 0");
    assertEnded(rollout, RolloutState.ABORTED, "aborted by carol: queue cost");
  }

  @Test
  void flagsTheStoreDoesNotOpenUndoTheReleaseAndEndFailed() {
    SERVICE.ignoreNextChange();
    Rollout rollout = start(Map.of());

    assertThat(driver.path(rollout.key())).contains("open-flags", "change-not-applied", "undo-release",
        "disable-new-system", "stop-workers", "revert-version", "change-failed").doesNotContain("hold-stage");
    assertThat(flag("queueBasedProcessing")).isEqualTo(staged(false, 0));
    assertEnded(rollout, RolloutState.FAILED, "Flag change not applied by the HTTP flag store");
  }
}
