package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.api.rollouts.RolloutReadModel;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.support.LocalPostgres;
import dev.greenlight.support.ShopDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * No rollback deletes a row written during the rollout (issue 15): real PostgreSQL, the real {@code pg_dump} and
 * {@code pg_restore}, the real workers, time travel. A breach or an abort keeps the rows and says how many; only when
 * the migrations cannot be rolled back is a restore offered, as the deciders' decision stating what it would delete,
 * and a chosen restore keeps a dump of the live database taken just before it.
 */
class DatabaseRollbackProcessTest extends RunbookProcessTest {

  @RegisterExtension
  static final LocalPostgres POSTGRES = LocalPostgres.forTestClass("pg_dump", "pg_restore");

  static final Duration CHECK = Duration.ofHours(12);
  static final String RELEASE = "{provider: command, deadline: PT1M, command: {deploy: [/bin/true], revert: [/bin/true],"
      + " currentVersion: [/bin/echo, '1.0.0'], scale: [/bin/true]}}";
  /** Migrations whose rollback the tool refuses, with the tool's own words on stderr. */
  static final String IRREVERSIBLE = "{tool: command, command: [/bin/true], rollbackCommand: ['"
      + Path.of("src/test/resources/process-tests/scripts/refuse-downgrade.sh").toAbsolutePath() + "']}";
  static final String REFUSAL = "exit code 3: downgrade refused: column referral_code is in use";

  @Autowired RolloutReadModel rollouts;
  TestDatabase database;

  Rollout canary() {
    database = shopDatabase(POSTGRES);
    Map<String, String> values = new HashMap<>(CanaryRolloutProcessTest.DEFAULTS);
    values.put("database", database.section("null"));
    return start("canary", values);
  }

  /** A staged-flags rollout (seed 004) whose migrations cannot be rolled back. */
  Rollout stagedFlagsWithIrreversibleMigrations(String restoreOnRollback) {
    database = shopDatabase(POSTGRES);
    return start("staged-flags",
        Map.of("database", database.section(IRREVERSIBLE, restoreOnRollback), "release", RELEASE));
  }

  /** Rows a shop takes while the new version serves: one new customer and two orders. */
  void writeDuringTheRollout() {
    database.shop().execute("INSERT INTO customers VALUES (4, 'Written during the rollout', NULL, NULL)",
        "INSERT INTO orders VALUES (14, 4, 990, 'during the rollout', NULL), (15, 1, 120, NULL, NULL)");
  }

  void assertRowsWrittenDuringTheRolloutAreThere(ShopDatabase shop) {
    assertThat(shop.query("SELECT id FROM customers WHERE id = 4")).hasSize(1);
    assertThat(shop.query("SELECT id FROM orders WHERE id IN (14, 15) ORDER BY id"))
        .containsExactly(Map.of("id", 14), Map.of("id", 15));
  }

  /** The system-errors trigger of the staged-flags runbook: a full rollback. */
  void breachTheStagedFlags() {
    SERVICE.set("errorRate", 0.2);
    driver.advance(CHECK, CHECK);
  }

  List<String> archives() throws IOException {
    try (Stream<Path> files = Files.list(database.backups())) {
      return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".dump")).sorted()
          .toList();
    }
  }

  List<String> pages() {
    return SERVICE.requests("POST", "/pagerduty/v2/enqueue").stream().map(request -> request.body()).toList();
  }

  @Test
  void writesDuringACanarySurviveItsRollback() throws IOException {
    Rollout rollout = canary();
    writeDuringTheRollout();

    SERVICE.set("errorRate", 0.02);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("stage-breached", "return-traffic", "revert-version",
        "roll-back-database", "count-rows-since-backup", "announce-rollback", "page-oncall", "rolled-back")
        .doesNotContain("rollback-migrations", "decide-restore", "dump-live-database", "restore-database");
    assertRowsWrittenDuringTheRolloutAreThere(database.shop());
    assertThat(archives()).as("the backup only: nothing was dumped or restored").singleElement().asString()
        .doesNotContain("before-restore");
    assertThat(SERVICE.lastStepMessage()).startsWith("Rolled back checkout 2.0.0: ")
        .contains(". Database left as it was: 3 rows written since the backup of ")
        .endsWith(" are kept (customers: 3 at backup, 4 now; orders: 4 at backup, 6 now).")
        .doesNotContain("restored", "match the backup", "Migrations");
    assertThat(pages()).singleElement().asString().contains("Automatic rollback of checkout 2.0.0");
  }

  @Test
  void writesDuringACanarySurviveItsAbort() {
    Rollout rollout = canary();
    writeDuringTheRollout();

    driver.publish("abort-rollout", rollout.id(), Map.of("abortReason", "wrong build", "abortedBy", "carol"));

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("roll-back-on-abort", "count-rows-since-backup", "aborted")
        .doesNotContain("decide-restore", "restore-database");
    assertRowsWrittenDuringTheRolloutAreThere(database.shop());
    assertThat(driver.variable(rollout.key(), "databaseRollback")).satisfies(outcome -> {
      assertThat(outcome).extracting("sinceBackup.rowsWritten").isEqualTo(3);
      assertThat(outcome).extracting("restore").isNull();
    });
    assertThat(SERVICE.lastStepMessage()).contains("aborted by carol: wrong build. Database left as it was:"
        + " 3 rows written since the backup");
    assertThat(pages()).isEmpty();
  }

  @Test
  void migrationsThatCannotBeRolledBackAskTheDecidersAndAChosenRestoreKeepsTheLiveDump() throws IOException {
    Rollout rollout = stagedFlagsWithIrreversibleMigrations("ask");
    writeDuringTheRollout();

    breachTheStagedFlags();

    assertThat(driver.completed(rollout.key())).as("waits for the decision").isFalse();
    assertThat(driver.path(rollout.key())).contains("full-rollback", "disable-new-system", "revert-version",
        "rollback-migrations", "migrations-not-rolled-back", "count-rows-since-backup", "page-migrations-stuck",
        "ask-about-restore", "decide-restore").doesNotContain("dump-live-database", "restore-database");
    assertRowsWrittenDuringTheRolloutAreThere(database.shop());
    assertThat(pages()).singleElement().asString().contains("\"severity\":\"critical\"",
        "Migrations of paperless-maverick 2.0.0 could not be rolled back: ", REFUSAL,
        "A decision on restoring the backup waits for the deciders.");
    assertThat(SERVICE.lastStepMessage()).contains("needs a decision: the migrations could not be rolled"
        + " back (", REFUSAL, "A restore would delete the 3 rows written since the backup of ",
        "(customers: 3 at backup, 4 now; orders: 4 at backup, 6 now)", "Nothing is restored unless a decider says go");
    RolloutView waiting = rollouts.find(rollout.id()).orElseThrow();
    assertThat(waiting.pendingDecisions()).as("GET /api/rollouts/{id}").singleElement().satisfies(decision -> {
      assertThat(decision.name()).isEqualTo("Restore the backup over the live database?");
      assertThat(decision.candidateGroups()).containsExactly("maverick-devops");
      assertThat(decision.question()).isEqualTo("The migrations of paperless-maverick 2.0.0 could not be rolled"
          + " back. Restore the backup taken before the rollout over the live database?");
      assertThat(decision.summary()).startsWith("A restore would delete the 3 rows written since the backup of ")
          .contains("The migrations could not be rolled back: ", REFUSAL,
              "Go: the live database is dumped to " + database.backups() + " first",
              "No-go: the database stays as it is");
    });

    driver.decide(rollout.key(), "decide-restore", "go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).containsSubsequence("decide-restore", "dump-live-database",
        "restore-database", "announce-rollback", "page-oncall", "rolled-back");
    assertThat(database.shop().query("SELECT count(*) AS n FROM orders")).as("the backup's rows")
        .containsExactly(Map.of("n", 4L));
    Map<?, ?> record = (Map<?, ?>) driver.variable(rollout.key(), "databaseRollback");
    String backupFile = (String) ((Map<?, ?>) driver.variable(rollout.key(), "backup")).get("file");
    Map<?, ?> liveDump = (Map<?, ?>) record.get("liveDump");
    Path liveDumpFile = Path.of((String) liveDump.get("file"));
    assertThat(liveDumpFile).hasParent(database.backups().toAbsolutePath());
    assertThat(liveDump.get("rowCounts")).isEqualTo(Map.of("customers", 4, "orders", 6));
    assertThat(archives()).containsExactlyInAnyOrder(Path.of(backupFile).getFileName().toString(),
        liveDumpFile.getFileName().toString());
    assertThat(liveDumpFile.getFileName().toString()).startsWith("paperless-maverick-" + rollout.id()
        + "-before-restore-");
    assertThat(((Map<?, ?>) record.get("restore")).get("liveDumpFile")).isEqualTo(liveDumpFile.toString());
    assertRowsWrittenDuringTheRolloutAreThere(database.shop().restoredFrom(liveDumpFile));
    assertThat(rollouts.find(rollout.id()).orElseThrow().decisions()).as("the rollout's record of decisions")
        .anySatisfy(decision -> assertThat(decision.path("task").asText()).isEqualTo("decide-restore"));
    assertThat(SERVICE.lastStepMessage()).contains("Migrations could not be rolled back: ", REFUSAL,
        "Database restored from " + backupFile + " and verified; the live database was dumped first to "
            + liveDumpFile + ", so what the restore replaced can be recovered from it.");
  }

  @Test
  void aNoGoLeavesTheLiveRowsAndTheRolloutSaysSo() throws IOException {
    Rollout rollout = stagedFlagsWithIrreversibleMigrations("ask");
    writeDuringTheRollout();
    breachTheStagedFlags();

    driver.decide(rollout.key(), "decide-restore", "no-go");

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("decide-restore", "rolled-back")
        .doesNotContain("dump-live-database", "restore-database");
    assertRowsWrittenDuringTheRolloutAreThere(database.shop());
    assertThat(archives()).hasSize(1);
    assertThat(driver.variable(rollout.key(), "databaseRollback")).extracting("restoreDecision.outcome")
        .isEqualTo("no-go");
    assertThat(SERVICE.lastStepMessage()).contains("Migrations could not be rolled back: ", REFUSAL,
        "Database left as it was (restore declined by process-test): 3 rows written since the backup of ",
        "The previous version runs on the migrated schema until someone repairs it.");
  }

  @Test
  void neverNeverAsksAndTellsTheTeamPlainly() {
    Rollout rollout = stagedFlagsWithIrreversibleMigrations("never");
    writeDuringTheRollout();

    breachTheStagedFlags();

    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();
    assertThat(driver.path(rollout.key())).contains("migrations-not-rolled-back", "page-migrations-stuck",
        "rolled-back").doesNotContain("ask-about-restore", "decide-restore", "dump-live-database", "restore-database");
    assertRowsWrittenDuringTheRolloutAreThere(database.shop());
    assertThat(pages()).anySatisfy(page -> assertThat(page).contains("could not be rolled back: ", REFUSAL,
        "No restore is offered; the database is left as it is."));
    assertThat(SERVICE.slackMessages()).noneMatch(message -> message.contains("needs a decision"));
    assertThat(SERVICE.lastStepMessage()).contains("Migrations could not be rolled back: ", REFUSAL,
        "Database left as it was (the runbook says never restore on rollback): 3 rows written since the backup");
  }
}
