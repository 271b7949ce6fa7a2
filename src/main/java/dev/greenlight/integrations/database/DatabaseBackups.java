package dev.greenlight.integrations.database;

import dev.greenlight.spec.DatabaseTarget;

/** Takes and restores verified backups of a service's database. */
public interface DatabaseBackups {

  /**
   * Takes a backup and verifies it, or returns the one this key already finished (a retried job takes no second
   * backup).
   */
  BackupReceipt backup(DatabaseTarget database, BackupKey key);

  /**
   * Restores a backup after checking its checksum, then compares the verified tables' row counts with the receipt.
   *
   * @throws RestoreMismatchException when the restored row counts differ from the backup's
   */
  RestoreReport restore(DatabaseTarget database, BackupReceipt backup);
}
