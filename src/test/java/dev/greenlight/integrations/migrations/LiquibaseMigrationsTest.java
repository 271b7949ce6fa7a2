package dev.greenlight.integrations.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.integrations.database.postgres.PostgresAccess;
import dev.greenlight.spec.DatabaseTarget;
import dev.greenlight.spec.DatabaseTarget.MigrationTool;
import dev.greenlight.spec.DatabaseTarget.Migrations;
import dev.greenlight.support.LocalPostgres;
import dev.greenlight.support.ShopDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Liquibase update, tag and rollback against a real PostgreSQL 15. */
class LiquibaseMigrationsTest {

  @RegisterExtension static final LocalPostgres postgres = LocalPostgres.forTestClass();

  @TempDir Path directory;
  ShopDatabase shop;
  LiquibaseMigrations liquibase = new LiquibaseMigrations(new PostgresAccess(ShopDatabase.secrets()));

  @BeforeEach
  void createShop() {
    shop = ShopDatabase.create(postgres);
  }

  DatabaseTarget withChangelog(String changelog) {
    return shop.target(directory, new Migrations(MigrationTool.LIQUIBASE, changelog, null, null, null, null));
  }

  @Test
  void updatesAfterTaggingAndRollsBackToTheTag() {
    Map<String, List<Map<String, Object>>> before = shop.allRows();
    List<Map<String, Object>> columnsBefore = shop.columns("customers");
    DatabaseTarget target = withChangelog("liquibase/loyalty-tiers.xml");

    MigrationReport migrated = liquibase.migrate(target, "r-1");

    assertThat(migrated.tool()).isEqualTo("liquibase");
    assertThat(migrated.rollbackPoint()).isEqualTo("greenlight-before-r-1");
    assertThat(migrated.output()).contains("UPDATE SUMMARY").anyMatch(line -> line.matches("Run:\\s+3"));
    assertThat(shop.query("SELECT name, loyalty_tier FROM customers ORDER BY id")).containsExactly(
        Map.of("name", "ADA LOVELACE", "loyalty_tier", "gold"),
        Map.of("name", "Grace O'Hara", "loyalty_tier", "basic"),
        Map.of("name", "ZOË ÆRØ", "loyalty_tier", "gold"));
    assertThat(shop.query("SELECT tag FROM databasechangelog WHERE tag IS NOT NULL"))
        .containsExactly(Map.of("tag", "greenlight-before-r-1"));

    MigrationReport rolledBack = liquibase.rollback(target, "r-1");

    assertThat(migrated.applied()).isTrue();
    assertThat(rolledBack.outcome()).isEqualTo("rolled back to tag greenlight-before-r-1");
    assertThat(rolledBack.applied()).isFalse();
    assertThat(shop.allRows()).isEqualTo(before);
    assertThat(shop.columns("customers")).isEqualTo(columnsBefore);
  }

  @Test
  void aRetriedMigrationKeepsTheFirstTagAndAppliesNothingTwice() {
    Map<String, List<Map<String, Object>>> before = shop.allRows();
    DatabaseTarget target = withChangelog("liquibase/loyalty-tiers.xml");

    liquibase.migrate(target, "r-2");
    Map<String, List<Map<String, Object>>> migrated = shop.allRows();
    liquibase.migrate(target, "r-2");

    assertThat(shop.allRows()).isEqualTo(migrated);
    assertThat(shop.query("SELECT count(*) AS n FROM databasechangelog WHERE tag = 'greenlight-before-r-2'"))
        .containsExactly(Map.of("n", 1L));
    liquibase.rollback(target, "r-2");
    assertThat(shop.allRows()).isEqualTo(before);
  }

  @Test
  void aFailingChangesetLeavesTheSchemaAsBeforeAndSaysWhy() {
    List<Map<String, Object>> columnsBefore = shop.columns("customers");
    Map<String, List<Map<String, Object>>> before = shop.allRows();

    assertThatThrownBy(() -> liquibase.migrate(withChangelog("liquibase/failing.xml"), "r-3"))
        .isInstanceOfSatisfying(MigrationFailedException.class, failed -> {
          assertThat(failed.report().outcome())
              .contains("referral_codes_that_do_not_exist")
              .endsWith("rolled back to tag greenlight-before-r-3");
          assertThat(failed.report().rollbackPoint()).isEqualTo("greenlight-before-r-3");
        })
        .hasMessageContaining("Liquibase update of liquibase/failing.xml failed")
        .hasMessageContaining("Migration failed for changeset liquibase/failing.xml::copy-from-missing-table")
        .hasMessageContaining("relation \"referral_codes_that_do_not_exist\" does not exist")
        .hasMessageContaining("the database was rolled back to tag greenlight-before-r-3");
    assertThat(shop.columns("customers")).isEqualTo(columnsBefore);
    assertThat(shop.allRows()).isEqualTo(before);
  }

  @Test
  void aChangelogFileOnDiskIsFound() throws IOException {
    Path changelog = directory.resolve("release-42.xml");
    try (var in = getClass().getClassLoader().getResourceAsStream("liquibase/loyalty-tiers.xml")) {
      Files.copy(in, changelog);
    }

    liquibase.migrate(withChangelog(changelog.toString()), "r-4");

    assertThat(shop.columns("customers")).extracting(column -> column.get("column_name")).contains("loyalty_tier");
  }

  @Test
  void aMissingChangelogIsNamed() {
    assertThatThrownBy(() -> liquibase.migrate(withChangelog("liquibase/no-such-changelog.xml"), "r-5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'liquibase/no-such-changelog.xml' is neither a file nor a classpath resource");
  }

  @Test
  void aChangesetWithoutARollbackLeavesTheMigrationsAppliedAndSaysWhy() {
    DatabaseTarget target = withChangelog("liquibase/irreversible.xml");
    liquibase.migrate(target, "r-6");

    assertThatThrownBy(() -> liquibase.rollback(target, "r-6"))
        .isInstanceOfSatisfying(MigrationRollbackFailedException.class, failed -> {
          assertThat(failed.report().applied()).isTrue();
          assertThat(failed.report().rollbackPoint()).isEqualTo("greenlight-before-r-6");
          assertThat(failed.report().outcome()).startsWith("rolling back to tag greenlight-before-r-6 failed: ")
              .endsWith("No inverse to liquibase.change.core.RawSQLChange created");
        })
        .hasMessageContaining("the migrations are still in the database");
    assertThat(shop.columns("customers")).extracting(column -> column.get("column_name")).contains("referral_code");
  }

  @Test
  void rollingBackARolloutThatNeverMigratedIsRefused() {
    assertThatThrownBy(() -> liquibase.rollback(withChangelog("liquibase/loyalty-tiers.xml"), "r-never"))
        .hasMessageContaining("no Liquibase tag greenlight-before-r-never");
  }
}
