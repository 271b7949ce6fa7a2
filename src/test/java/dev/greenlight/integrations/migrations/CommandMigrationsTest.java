package dev.greenlight.integrations.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.integrations.database.postgres.PostgresAccess;
import dev.greenlight.spec.DatabaseTarget;
import dev.greenlight.spec.DatabaseTarget.MigrationTool;
import dev.greenlight.spec.DatabaseTarget.Migrations;
import dev.greenlight.support.LocalPostgres;
import dev.greenlight.support.ShopDatabase;
import dev.greenlight.support.TestBounds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Command migrations with the real /usr/bin/psql, which logs in from the PG* variables it is given. */
class CommandMigrationsTest {

  static final String PSQL = "/usr/bin/psql";
  static final List<String> DROP_NOTE =
      List.of(PSQL, "-v", "ON_ERROR_STOP=1", "-c", "ALTER TABLE customers DROP COLUMN IF EXISTS note");

  @RegisterExtension static final LocalPostgres postgres = LocalPostgres.forTestClass("psql");

  @TempDir Path directory;
  ShopDatabase shop;
  CommandMigrations migrations =
      new CommandMigrations(TestBounds.runner(PSQL, "/usr/bin/sleep"), new PostgresAccess(ShopDatabase.secrets()));

  @BeforeEach
  void createShop() {
    shop = ShopDatabase.create(postgres);
  }

  DatabaseTarget target(List<String> command, List<String> rollbackCommand, Duration timeout) {
    return shop.target(directory,
        new Migrations(MigrationTool.COMMAND, null, command, rollbackCommand, directory.toString(), timeout));
  }

  @Test
  void runsTheMigrationInItsWorkingDirectoryAndRollsItBack() throws IOException {
    Files.writeString(directory.resolve("add-note.sql"),
        "ALTER TABLE customers ADD COLUMN note text;\nUPDATE customers SET note = 'migrated';\n");
    List<Map<String, Object>> columnsBefore = shop.columns("customers");
    DatabaseTarget target = target(List.of(PSQL, "-v", "ON_ERROR_STOP=1", "-f", "add-note.sql"), DROP_NOTE, null);

    MigrationReport migrated = migrations.migrate(target, "r-1");

    assertThat(migrated.output()).containsExactly("ALTER TABLE", "UPDATE 3");
    assertThat(migrated.rollbackPoint()).isEqualTo(String.join(" ", DROP_NOTE));
    assertThat(shop.query("SELECT DISTINCT note FROM customers")).containsExactly(Map.of("note", "migrated"));

    MigrationReport rolledBack = migrations.rollback(target, "r-1");

    assertThat(migrated.applied()).isTrue();
    assertThat(rolledBack.output()).containsExactly("ALTER TABLE");
    assertThat(rolledBack.applied()).isFalse();
    assertThat(rolledBack.outcome()).isEqualTo("rolled back with '" + String.join(" ", DROP_NOTE) + "'");
    assertThat(shop.columns("customers")).isEqualTo(columnsBefore);
  }

  @Test
  void aRollbackCommandThatFailsIsTheToolsAnswerWithTheMigrationStillApplied() {
    DatabaseTarget target = target(List.of(PSQL, "-v", "ON_ERROR_STOP=1", "-c", "ALTER TABLE customers ADD COLUMN note text"),
        List.of(PSQL, "-v", "ON_ERROR_STOP=1", "-c", "ALTER TABLE customers DROP COLUMN nickname"), null);
    migrations.migrate(target, "r-6");

    assertThatThrownBy(() -> migrations.rollback(target, "r-6"))
        .isInstanceOfSatisfying(MigrationRollbackFailedException.class, failed -> {
          assertThat(failed.report().applied()).isTrue();
          assertThat(failed.report().outcome()).startsWith("'" + PSQL + " -v ON_ERROR_STOP=1 -c ALTER TABLE customers"
              + " DROP COLUMN nickname' exit code 1: ").contains("column \"nickname\" of relation \"customers\" does"
              + " not exist");
        })
        .hasMessageContaining("The migrations are still in the database");
    assertThat(shop.columns("customers")).extracting(column -> column.get("column_name")).contains("note");
  }

  @Test
  void aFailedMigrationRunsTheRollbackCommandAndSaysSo() {
    List<Map<String, Object>> columnsBefore = shop.columns("customers");
    DatabaseTarget target = target(List.of(PSQL, "-v", "ON_ERROR_STOP=1",
        "-c", "ALTER TABLE customers ADD COLUMN note text",
        "-c", "UPDATE customers SET note = (SELECT note FROM notes_that_do_not_exist)"), DROP_NOTE, null);

    assertThatThrownBy(() -> migrations.migrate(target, "r-2"))
        .isInstanceOfSatisfying(MigrationFailedException.class, failed -> {
          assertThat(failed.report().outcome()).startsWith("failed (exit code ").contains("ran '" + PSQL);
          assertThat(failed.report().output())
              .anyMatch(line -> line.contains("relation \"notes_that_do_not_exist\" does not exist"));
        })
        .hasMessageContaining("exited with code")
        .hasMessageContaining("The rollback command '" + String.join(" ", DROP_NOTE) + "' succeeded");
    assertThat(shop.columns("customers")).isEqualTo(columnsBefore);
  }

  @Test
  void aMigrationPastItsTimeoutIsKilledAndRolledBack() {
    DatabaseTarget target = target(List.of("/usr/bin/sleep", "30"),
        List.of(PSQL, "-v", "ON_ERROR_STOP=1", "-c", "CREATE TABLE rollback_ran (id int)"), Duration.ofSeconds(1));
    long started = System.nanoTime();

    assertThatThrownBy(() -> migrations.migrate(target, "r-3"))
        .isInstanceOfSatisfying(MigrationFailedException.class,
            failed -> assertThat(failed.report().outcome()).startsWith("failed (timed out)"))
        .hasMessageContaining("'/usr/bin/sleep 30' was killed after running longer than its timeout");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(shop.query("SELECT count(*) AS n FROM rollback_ran")).containsExactly(Map.of("n", 0L));
  }

  @Test
  void aRollbackThatFailsTooAsksForAPerson() {
    DatabaseTarget target = target(List.of(PSQL, "-c", "SELECT * FROM missing_one"),
        List.of(PSQL, "-v", "ON_ERROR_STOP=1", "-c", "SELECT * FROM missing_two"), null);

    assertThatThrownBy(() -> migrations.migrate(target, "r-4"))
        .isInstanceOf(IllegalStateException.class)
        .isNotInstanceOf(MigrationFailedException.class)
        .hasMessageContaining("missing_one")
        .hasMessageContaining("missing_two")
        .hasMessageContaining("needs repair by hand");
  }

  @Test
  void aCommandMigrationWithoutARollbackCommandIsRefusedBeforeRunning() {
    DatabaseTarget target = target(List.of(PSQL, "-c", "CREATE TABLE should_not_exist (id int)"), null, null);

    assertThatThrownBy(() -> migrations.migrate(target, "r-5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database.migrations.rollbackCommand is missing");
    assertThat(shop.query("SELECT to_regclass('should_not_exist') AS t")).containsExactly(
        java.util.Collections.singletonMap("t", null));
  }
}
