package dev.greenlight.integrations.database;

import dev.greenlight.spec.DatabaseTarget;

/**
 * Takes verified backups of a service's database, tells what was written since one, and restores one over the live
 * database only after dumping the live database, so that a restore can itself be undone.
 */
public interface DatabaseBackups {

  /**
   * Takes a backup and verifies it, or returns the one this key already finished (a retried job takes no second
   * backup).
   */
  BackupReceipt backup(DatabaseTarget database, BackupKey key);

  /**
   * Dumps the live database just before a restore replaces it, beside the backups and verified like them, or returns
   * the dump this key already finished.
   */
  BackupReceipt dumpLive(DatabaseTarget database, BackupKey key);

  /**
   * Counts the verified tables now and compares them with the backup's receipt. Never fails on what it cannot count
   * (no verified tables, a table gone, the database unreachable): the answer says so instead.
   */
  DataSinceBackup sinceBackup(DatabaseTarget database, BackupReceipt backup);

  /**
   * Restores a backup over the live database after checking both the backup's checksum and that the live dump taken
   * just before is intact, then compares the verified tables' row counts with the backup's receipt.
   *
   * @param liveDump the receipt of {@link #dumpLive}; without an intact one nothing is restored
   * @throws RestoreMismatchException when the restored row counts differ from the backup's
   */
  RestoreReport restore(DatabaseTarget database, BackupReceipt backup, BackupReceipt liveDump);
}
