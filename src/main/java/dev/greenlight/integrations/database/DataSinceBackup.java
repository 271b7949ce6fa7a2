package dev.greenlight.integrations.database;

import java.time.Instant;
import java.util.List;

/**
 * What was written to the live database since a backup, as far as row counts tell: what a restore of that backup would
 * delete, and what a rollback that leaves the database as it is keeps. Counts are taken per verified table
 * ({@code database.verifyTables}) and compared with the counts the backup's receipt recorded; a row changed in place
 * does not change a count, so these are the least a restore would lose. The process variable {@code sinceBackup}.
 *
 * @param backupFile the backup compared with
 * @param backupTakenAt when its snapshot was taken
 * @param tables each verified table with both counts, or why it cannot be compared
 * @param rowsWritten rows added since the backup over the tables that could be compared (a table that shrank adds 0)
 * @param comparable whether every verified table could be compared (false as well when the runbook lists none)
 * @param kept one sentence for a rollback that leaves the database as it is, e.g. "5 rows written since the backup
 *     are kept (orders: 4 at backup, 9 now; customers: 3 at backup, 3 now)"
 * @param restoreWouldLose one paragraph for the restore decision: what a restore would delete, or that it cannot be
 *     counted and why
 */
public record DataSinceBackup(
    String backupFile,
    Instant backupTakenAt,
    List<TableSinceBackup> tables,
    long rowsWritten,
    boolean comparable,
    String kept,
    String restoreWouldLose) {

  public DataSinceBackup {
    tables = List.copyOf(tables);
  }

  /**
   * One verified table.
   *
   * @param table its name as the runbook lists it
   * @param atBackup rows in the backup; null when the backup recorded no count for it
   * @param now rows in the live database; null when it cannot be counted
   * @param notComparable why the two cannot be compared; null when they can
   */
  public record TableSinceBackup(String table, Long atBackup, Long now, String notComparable) {}
}
