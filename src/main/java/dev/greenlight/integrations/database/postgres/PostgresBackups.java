package dev.greenlight.integrations.database.postgres;

import dev.greenlight.bounds.FilePolicy;
import dev.greenlight.integrations.database.BackupKey;
import dev.greenlight.integrations.database.BackupReceipt;
import dev.greenlight.integrations.database.DataSinceBackup;
import dev.greenlight.integrations.database.DatabaseBackups;
import dev.greenlight.integrations.database.RestoreMismatchException;
import dev.greenlight.integrations.database.RestoreMismatchException.RowCountDifference;
import dev.greenlight.integrations.database.RestoreReport;
import dev.greenlight.integrations.database.RowsSinceBackup;
import dev.greenlight.integrations.process.Command;
import dev.greenlight.integrations.process.CommandFailedException;
import dev.greenlight.integrations.process.CommandResult;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.spec.DatabaseTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Backups with {@code pg_dump} (custom format) and restores with {@code pg_restore}. A restore replaces the live
 * database, so it needs a dump of the live database taken just before it ({@link #dumpLive}, named
 * {@code service-rolloutId-before-restore-time.dump} beside the backups).
 *
 * <p>The row counts are taken in the very snapshot {@code pg_dump} dumps (exported from a repeatable-read
 * transaction), so they describe the archive exactly even while the service keeps writing. An archive is written under a
 * {@code .partial} name, checked with {@code pg_restore --list}, hashed, renamed, and only then receipted.
 */
@Component
public class PostgresBackups implements DatabaseBackups {

  private static final Logger log = LoggerFactory.getLogger(PostgresBackups.class);
  private static final DateTimeFormatter ARCHIVE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final PostgresAccess access;
  private final PostgresClientProperties client;
  private final CommandRunner runner;
  private final FreeSpace freeSpace;
  private final FilePolicy files;
  private final Clock clock;
  private final BackupReceiptFiles receipts = new BackupReceiptFiles();

  /** @param files where the server lets runbooks write (backup directories) */
  public PostgresBackups(PostgresAccess access, PostgresClientProperties client, CommandRunner runner,
      FreeSpace freeSpace, FilePolicy files, Clock clock) {
    this.access = access;
    this.client = client;
    this.runner = runner;
    this.freeSpace = freeSpace;
    this.files = files;
    this.clock = clock;
  }

  @Override
  public BackupReceipt backup(DatabaseTarget database, BackupKey key) {
    return dump(database, key, DumpKind.BACKUP);
  }

  @Override
  public BackupReceipt dumpLive(DatabaseTarget database, BackupKey key) {
    return dump(database, key, DumpKind.LIVE_BEFORE_RESTORE);
  }

  /** What a dump is for: its archive's name and its log line say so. */
  private enum DumpKind {
    BACKUP("", "Backed up database {} to {} ({} bytes, row counts {})"),
    LIVE_BEFORE_RESTORE("-before-restore",
        "Dumped the live database {} to {} before restoring a backup over it ({} bytes, row counts {})");

    final String nameSuffix;
    final String logLine;

    DumpKind(String nameSuffix, String logLine) {
      this.nameSuffix = nameSuffix;
      this.logLine = logLine;
    }
  }

  private BackupReceipt dump(DatabaseTarget database, BackupKey key, DumpKind kind) {
    requireSection(database);
    TableRowCounts.requireValidNames(database.verifyTables());
    Path directory = backupDirectory(database);
    Optional<BackupReceipt> finished = receipts.find(directory, key);
    if (finished.isPresent() && archiveIsInPlace(finished.get())) {
      log.info("Dump job {} of rollout {} already finished {}; reusing it",
          key.elementInstanceKey(), key.rolloutId(), finished.get().file());
      return finished.get();
    }
    finished.ifPresent(receipt -> log.warn("The receipt of dump job {} names {}, which is gone or changed in"
        + " size; taking a new dump", key.elementInstanceKey(), receipt.file()));
    requireFreeSpace(directory, key.service());

    Path partial = directory.resolve(key.prefix() + "-" + key.elementInstanceKey() + ".dump.partial");
    try {
      // a crashed attempt of this same job may have left its half-written archive here
      Files.deleteIfExists(partial);
      Instant takenAt = clock.instant();
      Map<String, Long> rowCounts = dumpWithRowCounts(database, partial);
      requireReadableArchive(partial);
      long sizeBytes = Files.size(partial);
      String sha256 = sha256(partial);
      Path archive = directory.resolve(key.prefix() + kind.nameSuffix + "-" + ARCHIVE_TIME.format(takenAt) + ".dump");
      if (Files.exists(archive)) {
        throw new IllegalStateException("The archive " + archive + " already exists and is never replaced: another"
            + " dump of this rollout finished in the same second. The job is retried and names its archive anew");
      }
      Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
      BackupReceipt receipt =
          new BackupReceipt(archive.toAbsolutePath().toString(), sizeBytes, sha256, rowCounts, takenAt);
      receipts.save(directory, key, receipt);
      log.info(kind.logLine, access.address(database).database(), archive, sizeBytes, rowCounts);
      return receipt;
    } catch (IOException e) {
      deleteQuietly(partial);
      throw new UncheckedIOException("Writing the dump to " + directory + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(partial);
      throw e;
    }
  }

  @Override
  public DataSinceBackup sinceBackup(DatabaseTarget database, BackupReceipt backup) {
    requireSection(database);
    requireReceipt(backup);
    List<String> tables = database.verifyTables() == null ? List.of() : database.verifyTables();
    TableRowCounts.requireValidNames(tables);
    if (tables.isEmpty()) {
      return RowsSinceBackup.uncounted(backup, "database.verifyTables lists no tables");
    }
    Map<String, Long> live = new LinkedHashMap<>();
    try (Connection connection = access.connect(database)) {
      TableRowCounts.countAllowingMissing(connection, tables)
          .forEach((table, rows) -> live.put(table, rows == TableRowCounts.MISSING ? null : rows));
    } catch (SQLException | IllegalStateException e) {
      log.warn("Counting the rows written to {} since the backup {} failed", access.address(database).database(),
          backup.file(), e);
      return RowsSinceBackup.uncounted(backup, "counting the live tables failed: " + e.getMessage());
    }
    DataSinceBackup since = RowsSinceBackup.compare(backup, live);
    log.info("Database {} since the backup {}: {}", access.address(database).database(), backup.file(),
        since.kept());
    return since;
  }

  @Override
  public RestoreReport restore(DatabaseTarget database, BackupReceipt backup, BackupReceipt liveDump) {
    requireSection(database);
    requireReceipt(backup);
    if (liveDump == null || liveDump.file() == null || liveDump.sha256() == null) {
      throw new IllegalArgumentException("Refusing to restore " + backup.file() + " without a dump of the live"
          + " database taken just before (variable 'liveDump' is " + liveDump + "): dump-live-database must run"
          + " first, so that the restore can be undone");
    }
    if (!archiveIsInPlace(liveDump)) {
      throw new IllegalStateException("Refusing to restore " + backup.file() + ": the dump of the live database taken"
          + " for it, " + liveDump.file() + ", is gone or changed in size, and without it the restore could not be"
          + " undone. Put the dump back where its receipt says");
    }
    List<String> tables = tablesToVerify(database, backup);
    Path archive = Path.of(backup.file());
    requireIntact(archive, backup);
    PostgresAddress address = access.address(database);
    List<String> arguments = new ArrayList<>(List.of(client.program("pg_restore").toString(),
        "--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-password"));
    arguments.addAll(connectionArguments(address, database));
    arguments.add(archive.toString());
    try {
      run(arguments, database).requireSuccess();
    } catch (CommandFailedException e) {
      throw new IllegalStateException("Restoring " + archive + " failed and was rolled back (single transaction),"
          + " so the database is as it was before the restore: " + e.getMessage(), e);
    }
    Map<String, Long> restored;
    try (Connection connection = access.connect(database)) {
      restored = TableRowCounts.countAllowingMissing(connection, tables);
    } catch (SQLException e) {
      throw new IllegalStateException("Counting rows after restoring " + archive + " failed: " + e.getMessage(), e);
    }
    Map<String, RowCountDifference> differences = new LinkedHashMap<>();
    restored.forEach((table, found) -> {
      long backedUp = backup.rowCounts().get(table);
      if (found != backedUp) {
        differences.put(table, new RowCountDifference(backedUp, found));
      }
    });
    if (!differences.isEmpty()) {
      throw new RestoreMismatchException(backup.file(), differences);
    }
    log.info("Restored {} into {} after dumping the live database to {}; row counts match the backup: {}", archive,
        address.database(), liveDump.file(), restored);
    return new RestoreReport(backup.file(), restored, clock.instant(), liveDump.file());
  }

  private static void requireReceipt(BackupReceipt backup) {
    if (backup == null || backup.file() == null || backup.sha256() == null || backup.rowCounts() == null) {
      throw new IllegalArgumentException("No complete backup receipt (variable 'backup' is " + backup
          + "): this needs the receipt backup-database returned");
    }
  }

  /** The spec's verify tables (the receipt's when the spec lists none), each with a count recorded at backup. */
  private static List<String> tablesToVerify(DatabaseTarget database, BackupReceipt backup) {
    List<String> tables = database.verifyTables() == null || database.verifyTables().isEmpty()
        ? List.copyOf(backup.rowCounts().keySet())
        : database.verifyTables();
    TableRowCounts.requireValidNames(tables);
    List<String> unrecorded = tables.stream().filter(table -> !backup.rowCounts().containsKey(table)).toList();
    if (!unrecorded.isEmpty()) {
      throw new IllegalArgumentException("The backup " + backup.file() + " recorded no row counts for " + unrecorded
          + ", which database.verifyTables lists now: the restore could not be verified, so it was not started."
          + " Restore a backup taken with the current verifyTables, or list only " + backup.rowCounts().keySet());
    }
    return tables;
  }

  private static void requireSection(DatabaseTarget database) {
    if (database == null) {
      throw new IllegalArgumentException("The runbook has no database section: add database (jdbcUrl, username,"
          + " passwordSecret, backupDirectory, verifyTables) to back up or restore");
    }
  }

  private Map<String, Long> dumpWithRowCounts(DatabaseTarget database, Path partial) {
    try (Connection connection = access.connect(database)) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      String snapshot = exportSnapshot(connection);
      Map<String, Long> rowCounts = TableRowCounts.count(connection, database.verifyTables());
      List<String> arguments = new ArrayList<>(List.of(client.program("pg_dump").toString(),
          "--format=custom", "--no-password", "--snapshot=" + snapshot, "--file=" + partial));
      arguments.addAll(connectionArguments(access.address(database), database));
      try {
        run(arguments, database).requireSuccess();
      } catch (CommandFailedException e) {
        throw new IllegalStateException("pg_dump failed, no backup was taken: " + e.getMessage(), e);
      }
      connection.commit();
      return rowCounts;
    } catch (SQLException e) {
      throw new IllegalStateException("Preparing the backup snapshot failed: " + e.getMessage(), e);
    }
  }

  private static String exportSnapshot(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT pg_export_snapshot()")) {
      result.next();
      return result.getString(1);
    }
  }

  private void requireReadableArchive(Path partial) {
    CommandResult listing = runner.run(Command.of(client.program("pg_restore").toString(), "--list", partial.toString())
        .withTimeout(client.timeout()));
    if (!listing.succeeded() || listing.outputTail().isEmpty()) {
      throw new IllegalStateException("pg_dump wrote an archive that pg_restore cannot read, so it was discarded: "
          + listing.describe());
    }
  }

  private CommandResult run(List<String> arguments, DatabaseTarget database) {
    return runner.run(
        Command.of(arguments).withEnvironment(access.clientEnvironment(database)).withTimeout(client.timeout()));
  }

  private static List<String> connectionArguments(PostgresAddress address, DatabaseTarget database) {
    return List.of("--host=" + address.host(), "--port=" + address.port(), "--username=" + database.username(),
        "--dbname=" + address.database());
  }

  private Path backupDirectory(DatabaseTarget database) {
    if (database.backupDirectory() == null || database.backupDirectory().isBlank()) {
      throw new IllegalArgumentException("database.backupDirectory is missing: name the directory backups go to");
    }
    Path directory = files.allowed("database.backupDirectory", database.backupDirectory()).toAbsolutePath();
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("The backup directory " + directory + " cannot be created: " + e.getMessage(), e);
    }
  }

  private void requireFreeSpace(Path directory, String service) {
    Optional<BackupReceipt> last = receipts.latest(directory, service);
    if (last.isEmpty()) {
      return;
    }
    long usable;
    try {
      usable = freeSpace.usableBytes(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the free space of " + directory + " failed: " + e.getMessage(), e);
    }
    if (usable < last.get().sizeBytes()) {
      throw new IllegalStateException("Not enough disk space for a backup of " + service + ": " + directory + " has "
          + usable + " bytes free, less than the " + last.get().sizeBytes() + " bytes of the last backup ("
          + last.get().file() + "). Free up space there or point database.backupDirectory at a larger disk");
    }
  }

  private static boolean archiveIsInPlace(BackupReceipt receipt) {
    Path archive = Path.of(receipt.file());
    try {
      return Files.isRegularFile(archive) && Files.size(archive) == receipt.sizeBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + archive + " failed: " + e.getMessage(), e);
    }
  }

  private static void requireIntact(Path archive, BackupReceipt backup) {
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("The backup archive " + archive + " does not exist; it was moved or deleted"
          + " after the backup. Put it back or restore from another backup");
    }
    try {
      long size = Files.size(archive);
      String sha256 = sha256(archive);
      if (size != backup.sizeBytes() || !sha256.equalsIgnoreCase(backup.sha256())) {
        throw new IllegalStateException("Refusing to restore " + archive + ": it is corrupt or was changed after the"
            + " backup (SHA-256 " + sha256 + ", " + size + " bytes; the receipt recorded " + backup.sha256() + ", "
            + backup.sizeBytes() + " bytes). Restore from another copy of the backup");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the backup archive " + archive + " failed: " + e.getMessage(), e);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void deleteQuietly(Path partial) {
    try {
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      log.warn("Could not delete the unfinished archive {} ({}); the next attempt deletes it", partial,
          e.getMessage());
    }
  }
}
