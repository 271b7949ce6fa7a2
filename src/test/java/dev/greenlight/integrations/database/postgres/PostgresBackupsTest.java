package dev.greenlight.integrations.database.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.integrations.database.BackupKey;
import dev.greenlight.integrations.database.BackupReceipt;
import dev.greenlight.integrations.database.DataSinceBackup;
import dev.greenlight.integrations.database.DataSinceBackup.TableSinceBackup;
import dev.greenlight.integrations.database.RestoreMismatchException;
import dev.greenlight.integrations.database.RestoreMismatchException.RowCountDifference;
import dev.greenlight.integrations.database.RestoreReport;
import dev.greenlight.integrations.migrations.LiquibaseMigrations;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.spec.DatabaseTarget;
import dev.greenlight.spec.DatabaseTarget.MigrationTool;
import dev.greenlight.spec.DatabaseTarget.Migrations;
import dev.greenlight.spec.DatabaseTarget.RestoreOnRollback;
import dev.greenlight.support.LocalPostgres;
import dev.greenlight.support.ShopDatabase;
import dev.greenlight.support.TestBounds;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Backups and restores of a real PostgreSQL 15 with the real /usr/bin/pg_dump and pg_restore. */
class PostgresBackupsTest {

  @RegisterExtension static final LocalPostgres postgres = LocalPostgres.forTestClass("pg_dump", "pg_restore");

  @TempDir Path backups;
  ShopDatabase shop;
  DatabaseTarget target;
  PostgresAccess access = new PostgresAccess(ShopDatabase.secrets());
  PostgresClientProperties client = new PostgresClientProperties(Path.of("/usr/bin"), null);
  Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);

  @BeforeEach
  void createShop() {
    shop = ShopDatabase.create(postgres);
    target = shop.target(backups);
  }

  /** Greenlight's own pg_dump and pg_restore, and the test's backup directory. */
  final CommandRunner runner = TestBounds.runner("/usr/bin/pg_dump", "/usr/bin/pg_restore");

  PostgresBackups backupsWith(FreeSpace freeSpace) {
    return new PostgresBackups(access, client, runner, freeSpace, TestBounds.files(backups), clock);
  }

  PostgresBackups backups() {
    return backupsWith(new FileStoreFreeSpace());
  }

  /** The dump of the live database every restore needs, taken now. */
  BackupReceipt liveDump() {
    return backups().dumpLive(target, new BackupKey("shop", "live", 99));
  }

  @Test
  void restoreAfterALiquibaseMigrationBringsBackExactlyTheBackedUpRows() throws IOException {
    Map<String, List<Map<String, Object>>> before = shop.allRows();
    List<Map<String, Object>> customerColumnsBefore = shop.columns("customers");

    BackupReceipt receipt = backups().backup(target, new BackupKey("shop", "r-1", 7));

    assertThat(receipt.rowCounts()).containsExactly(Map.entry("customers", 3L), Map.entry("orders", 4L));
    assertThat(receipt.takenAt()).isEqualTo(clock.instant());
    Path archive = Path.of(receipt.file());
    assertThat(archive.getFileName().toString()).isEqualTo("shop-r-1-20261123T101530Z.dump");
    assertThat(receipt.sizeBytes()).isEqualTo(Files.size(archive)).isPositive();
    assertThat(receipt.sha256()).isEqualTo(PostgresBackups.sha256(archive)).hasSize(64);
    assertThat(Files.readAllBytes(archive)).startsWith("PGDMP".getBytes());

    Migrations liquibase = new Migrations(MigrationTool.LIQUIBASE, "liquibase/loyalty-tiers.xml", null, null, null,
        null);
    new LiquibaseMigrations(access).migrate(shop.target(backups, liquibase), "r-1");
    assertThat(shop.columns("customers")).extracting(column -> column.get("column_name")).contains("loyalty_tier");
    assertThat(shop.allRows()).isNotEqualTo(before);

    RestoreReport report = backups().restore(target, receipt, liveDump());

    assertThat(shop.allRows()).isEqualTo(before);
    assertThat(shop.columns("customers")).isEqualTo(customerColumnsBefore);
    assertThat(report.rowCounts()).isEqualTo(receipt.rowCounts());
    assertThat(report.file()).isEqualTo(receipt.file());
  }

  @Test
  void rowCountsDescribeTheDumpedSnapshot() {
    BackupReceipt receipt = backups().backup(target, new BackupKey("shop", "r-2", 1));
    shop.execute("DELETE FROM orders WHERE id = 13", "INSERT INTO customers VALUES (4, 'New', NULL, NULL)");

    backups().restore(target, receipt, liveDump());

    assertThat(shop.query("SELECT count(*) AS n FROM orders")).containsExactly(Map.of("n", 4L));
    assertThat(shop.query("SELECT count(*) AS n FROM customers")).containsExactly(Map.of("n", 3L));
  }

  @Test
  void aCorruptArchiveIsRefusedAndTheDatabaseLeftAlone() throws IOException {
    BackupReceipt receipt = backups().backup(target, new BackupKey("shop", "r-3", 1));
    shop.execute("INSERT INTO customers VALUES (99, 'written after the backup', NULL, NULL)");
    try (RandomAccessFile file = new RandomAccessFile(receipt.file(), "rw")) {
      long middle = file.length() / 2;
      file.seek(middle);
      int original = file.read();
      file.seek(middle);
      file.write(~original);
    }

    assertThatThrownBy(() -> backups().restore(target, receipt, liveDump()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Refusing to restore " + receipt.file())
        .hasMessageContaining("corrupt or was changed after the backup")
        .hasMessageContaining(receipt.sha256());
    assertThat(shop.query("SELECT name FROM customers WHERE id = 99")).hasSize(1);
  }

  @Test
  void aRetriedJobReusesItsFinishedBackupAndDiscardsAHalfWrittenOne() throws IOException {
    Path crashedAttempt = backups.resolve("shop-r-4-7.dump.partial");
    Files.writeString(crashedAttempt, "PGDMP half written");
    BackupKey key = new BackupKey("shop", "r-4", 7);

    BackupReceipt first = backups().backup(target, key);
    shop.execute("INSERT INTO customers VALUES (5, 'after the first attempt', NULL, NULL)");
    PostgresBackups later = new PostgresBackups(access, client, runner, new FileStoreFreeSpace(),
        TestBounds.files(backups), Clock.offset(clock, java.time.Duration.ofMinutes(5)));
    BackupReceipt retried = later.backup(target, key);

    assertThat(retried).isEqualTo(first);
    assertThat(crashedAttempt).doesNotExist();
    assertThat(filesIn(backups, ".dump")).containsExactly(Path.of(first.file()).getFileName().toString());
    assertThat(filesIn(backups, ".receipt.json")).containsExactly("shop-r-4-7.receipt.json");

    BackupReceipt otherTask = later.backup(target, new BackupKey("shop", "r-4", 8));
    assertThat(otherTask.file()).isNotEqualTo(first.file());
    assertThat(otherTask.rowCounts()).containsEntry("customers", 4L);
  }

  @Test
  void aBackupIsRefusedWhenTheDiskHasLessRoomThanTheLastBackup() {
    BackupReceipt last = backups().backup(target, new BackupKey("shop", "r-5", 1));
    PostgresBackups nearlyFull = backupsWith(directory -> last.sizeBytes() - 1);

    assertThatThrownBy(() -> nearlyFull.backup(target, new BackupKey("shop", "r-6", 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Not enough disk space for a backup of shop")
        .hasMessageContaining((last.sizeBytes() - 1) + " bytes free, less than the " + last.sizeBytes())
        .hasMessageContaining(last.file());
    assertThat(filesIn(backups, ".dump")).hasSize(1);
    assertThat(filesIn(backups, ".partial")).isEmpty();

    PostgresBackups justEnough = backupsWith(directory -> last.sizeBytes());
    assertThat(justEnough.backup(target, new BackupKey("shop", "r-6", 1)).rowCounts()).isEqualTo(last.rowCounts());
  }

  @Test
  void restoredRowCountsThatDifferFromTheReceiptAreAMismatch() {
    BackupReceipt receipt = backups().backup(target, new BackupKey("shop", "r-7", 1));
    Map<String, Long> claimed = new HashMap<>(receipt.rowCounts());
    claimed.put("orders", 5L);
    BackupReceipt wrongCounts =
        new BackupReceipt(receipt.file(), receipt.sizeBytes(), receipt.sha256(), claimed, receipt.takenAt());

    assertThatThrownBy(() -> backups().restore(target, wrongCounts, liveDump()))
        .isInstanceOfSatisfying(RestoreMismatchException.class, mismatch -> assertThat(mismatch.differences())
            .containsExactly(Map.entry("orders", new RowCountDifference(5, 4))))
        .hasMessageContaining("orders has 4 rows, the backup had 5");
  }

  @Test
  void aRestoreThatCouldNotBeVerifiedIsNotStarted() {
    BackupReceipt receipt = backups().backup(target, new BackupKey("shop", "r-11", 1));
    shop.execute("CREATE TABLE invoices (id int)", "DELETE FROM orders");
    DatabaseTarget moreTables = new DatabaseTarget(target.jdbcUrl(), target.username(), target.passwordSecret(),
        target.backupDirectory(), List.of("customers", "orders", "invoices"), null, RestoreOnRollback.ASK);

    assertThatThrownBy(() -> backups().restore(moreTables, receipt, liveDump()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recorded no row counts for [invoices]")
        .hasMessageContaining("it was not started");
    assertThat(shop.query("SELECT count(*) AS n FROM orders")).containsExactly(Map.of("n", 0L));
  }

  @Test
  void aVerifyTableThatDoesNotExistIsNamed() {
    DatabaseTarget typo = new DatabaseTarget(target.jdbcUrl(), target.username(), target.passwordSecret(),
        target.backupDirectory(), List.of("customers", "orderz"), null, RestoreOnRollback.ASK);

    assertThatThrownBy(() -> backups().backup(typo, new BackupKey("shop", "r-8", 1)))
        .hasMessageContaining("database.verifyTables lists 'orderz', which does not exist");
    assertThat(filesIn(backups, "")).isEmpty();
  }

  @Test
  void aWrongPasswordIsAClearConnectionFailure() {
    PostgresAccess wrongPassword = new PostgresAccess(new dev.greenlight.secrets.Secrets(
        new org.springframework.mock.env.MockEnvironment()
            .withProperty("greenlight.secrets." + ShopDatabase.PASSWORD_SECRET, "not-the-password")));
    PostgresBackups backups =
        new PostgresBackups(wrongPassword, client, runner, new FileStoreFreeSpace(), TestBounds.files(this.backups),
            clock);

    assertThatThrownBy(() -> backups.backup(target, new BackupKey("shop", "r-9", 1)))
        .hasMessageContaining("Cannot connect to PostgreSQL database")
        .hasMessageContaining("as '" + LocalPostgres.USER + "'")
        .hasMessageNotContaining("not-the-password");
  }

  @Test
  void aBackupDirectoryOutsideTheAllowedRootsIsRefusedBeforeAnythingIsDumped(@TempDir Path elsewhere) {
    PostgresBackups confined = new PostgresBackups(access, client, runner, new FileStoreFreeSpace(),
        TestBounds.files(elsewhere), clock);

    assertThatThrownBy(() -> confined.backup(target, new BackupKey("shop", "r-11", 1)))
        .hasMessageContaining("database.backupDirectory")
        .hasMessageContaining("greenlight.files.allowed-roots");
    assertThat(filesIn(backups, "")).isEmpty();
  }

  @Test
  void aMissingClientProgramSaysWhatToInstall() {
    PostgresClientProperties nowhere = new PostgresClientProperties(backups.resolve("no-client-here"), null);
    PostgresBackups backups = new PostgresBackups(access, nowhere, runner, new FileStoreFreeSpace(),
        TestBounds.files(this.backups), clock);

    assertThatThrownBy(() -> backups.backup(target, new BackupKey("shop", "r-10", 1)))
        .hasMessageContaining("pg_dump was not found")
        .hasMessageContaining("apt-get install postgresql-client");
  }

  @Test
  void aRestoreFirstNeedsADumpOfTheLiveDatabaseThatUndoesIt() throws IOException {
    BackupReceipt receipt = backups().backup(target, new BackupKey("shop", "r-12", 1));
    shop.execute("INSERT INTO customers VALUES (7, 'Written during the rollout', NULL, NULL)",
        "INSERT INTO orders VALUES (14, 7, 2500, 'during the rollout', NULL)");
    Map<String, List<Map<String, Object>>> live = shop.allRows();

    BackupReceipt liveDump = backups().dumpLive(target, new BackupKey("shop", "r-12", 2));
    RestoreReport report = backups().restore(target, receipt, liveDump);

    assertThat(Path.of(liveDump.file())).hasParent(backups.toAbsolutePath())
        .hasFileName("shop-r-12-before-restore-20261123T101530Z.dump");
    assertThat(liveDump.rowCounts()).containsExactly(Map.entry("customers", 4L), Map.entry("orders", 5L));
    assertThat(filesIn(backups, ".receipt.json")).containsExactly("shop-r-12-1.receipt.json", "shop-r-12-2.receipt.json");
    assertThat(report.liveDumpFile()).isEqualTo(liveDump.file());
    assertThat(shop.query("SELECT count(*) AS n FROM orders")).containsExactly(Map.of("n", 4L));
    assertThat(shop.restoredFrom(Path.of(liveDump.file())).allRows()).as("the live dump undoes the restore")
        .isEqualTo(live);
  }

  @Test
  void withoutAnIntactLiveDumpNothingIsRestored() throws IOException {
    BackupReceipt receipt = backups().backup(target, new BackupKey("shop", "r-14", 1));
    shop.execute("INSERT INTO customers VALUES (8, 'kept', NULL, NULL)");

    assertThatThrownBy(() -> backups().restore(target, receipt, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Refusing to restore " + receipt.file() + " without a dump of the live database");
    BackupReceipt liveDump = backups().dumpLive(target, new BackupKey("shop", "r-14", 2));
    Files.delete(Path.of(liveDump.file()));
    assertThatThrownBy(() -> backups().restore(target, receipt, liveDump))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(liveDump.file() + ", is gone or changed in size");
    assertThat(shop.query("SELECT name FROM customers WHERE id = 8")).hasSize(1);
  }

  @Test
  void aDumpNeverReplacesAnotherArchive() throws IOException {
    BackupReceipt first = backups().backup(target, new BackupKey("shop", "r-15", 1));

    assertThatThrownBy(() -> backups().backup(target, new BackupKey("shop", "r-15", 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(first.file() + " already exists and is never replaced");
    assertThat(PostgresBackups.sha256(Path.of(first.file()))).isEqualTo(first.sha256());
    assertThat(filesIn(backups, ".partial")).isEmpty();
  }

  @Test
  void theRowsWrittenSinceTheBackupAreCountedPerVerifiedTable() {
    BackupReceipt receipt = backups().backup(target, new BackupKey("shop", "r-16", 1));
    shop.execute("INSERT INTO orders VALUES (20, 1, 100, NULL, NULL), (21, 2, 200, NULL, NULL),"
        + " (22, 3, 300, NULL, NULL)");

    DataSinceBackup since = backups().sinceBackup(target, receipt);

    assertThat(since.comparable()).isTrue();
    assertThat(since.rowsWritten()).isEqualTo(3);
    assertThat(since.tables()).containsExactly(new TableSinceBackup("customers", 3L, 3L, null),
        new TableSinceBackup("orders", 4L, 7L, null));
    assertThat(since.kept()).isEqualTo("3 rows written since the backup of 2026-11-23T10:15:30Z are kept"
        + " (customers: 3 at backup, 3 now; orders: 4 at backup, 7 now)");
    assertThat(since.restoreWouldLose()).isEqualTo("A restore would delete the 3 rows written since the backup of"
        + " 2026-11-23T10:15:30Z (customers: 3 at backup, 3 now; orders: 4 at backup, 7 now) and undo every change"
        + " made to existing rows since then.");
  }

  @Test
  void tablesThatCannotBeComparedAreSaidPlainly() {
    BackupReceipt receipt = backups().backup(target, new BackupKey("shop", "r-17", 1));
    shop.execute("CREATE TABLE invoices (id int)", "DROP TABLE orders");
    DatabaseTarget changedTables = new DatabaseTarget(target.jdbcUrl(), target.username(), target.passwordSecret(),
        target.backupDirectory(), List.of("customers", "orders", "invoices"), null, RestoreOnRollback.ASK);
    DatabaseTarget noTables = new DatabaseTarget(target.jdbcUrl(), target.username(), target.passwordSecret(),
        target.backupDirectory(), List.of(), null, RestoreOnRollback.ASK);
    PostgresBackups wrongPassword = new PostgresBackups(new PostgresAccess(new dev.greenlight.secrets.Secrets(
        new org.springframework.mock.env.MockEnvironment()
            .withProperty("greenlight.secrets." + ShopDatabase.PASSWORD_SECRET, "not-the-password"))),
        client, runner, new FileStoreFreeSpace(), TestBounds.files(backups), clock);

    DataSinceBackup partly = backups().sinceBackup(changedTables, receipt);
    DataSinceBackup none = backups().sinceBackup(noTables, receipt);
    DataSinceBackup unreachable = wrongPassword.sinceBackup(target, receipt);

    assertThat(partly.comparable()).isFalse();
    assertThat(partly.kept()).isEqualTo("no rows were added since the backup of 2026-11-23T10:15:30Z (customers: 3"
        + " at backup, 3 now); not compared: orders (it does not exist in the live database), invoices (the backup"
        + " recorded no count for it)");
    assertThat(partly.restoreWouldLose()).endsWith("It would lose more that cannot be counted: orders (it does not"
        + " exist in the live database), invoices (the backup recorded no count for it).");
    assertThat(none.comparable()).isFalse();
    assertThat(none.kept()).isEqualTo("the rows written since the backup of 2026-11-23T10:15:30Z cannot be counted:"
        + " database.verifyTables lists no tables");
    assertThat(none.restoreWouldLose()).isEqualTo("What a restore would delete cannot be counted: database.verifyTables"
        + " lists no tables. It would undo every write since the backup of 2026-11-23T10:15:30Z.");
    assertThat(unreachable.comparable()).isFalse();
    assertThat(unreachable.kept()).contains("cannot be counted: counting the live tables failed: Cannot connect to"
        + " PostgreSQL database").doesNotContain("not-the-password");
  }

  static List<String> filesIn(Path directory, String suffix) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
