package dev.greenlight.integrations.database;

import dev.greenlight.integrations.database.DataSinceBackup.TableSinceBackup;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Compares live row counts with a backup's receipt and says, in words people act on, what either choice means. */
public final class RowsSinceBackup {

  private RowsSinceBackup() {}

  /**
   * @param liveCounts row count of each verified table now, in the runbook's order; null for a table that does not
   *     exist in the live database
   */
  public static DataSinceBackup compare(BackupReceipt backup, Map<String, Long> liveCounts) {
    List<TableSinceBackup> tables = new ArrayList<>();
    liveCounts.forEach((table, now) -> {
      Long atBackup = backup.rowCounts().get(table);
      String notComparable = atBackup == null ? "the backup recorded no count for it"
          : now == null ? "it does not exist in the live database" : null;
      tables.add(new TableSinceBackup(table, atBackup, now, notComparable));
    });
    List<TableSinceBackup> counted = tables.stream().filter(t -> t.notComparable() == null).toList();
    List<TableSinceBackup> uncounted = tables.stream().filter(t -> t.notComparable() != null).toList();
    long written = counted.stream().mapToLong(t -> Math.max(0, t.now() - t.atBackup())).sum();
    String counts = counted.stream().map(t -> t.table() + ": " + t.atBackup() + " at backup, " + t.now() + " now")
        .collect(Collectors.joining("; "));
    String notCompared = uncounted.stream().map(t -> t.table() + " (" + t.notComparable() + ")")
        .collect(Collectors.joining(", "));
    String since = "since the backup of " + takenAt(backup);
    if (counted.isEmpty()) {
      return uncounted(backup, tables, "no verified table can be compared: " + notCompared);
    }
    String kept = written == 0
        ? "no rows were added " + since + " (" + counts + ")"
        : rows(written) + " written " + since + (written == 1 ? " is" : " are") + " kept (" + counts + ")";
    String lose = written == 0
        ? "By row count nothing was added " + since + " (" + counts + "); a restore would still undo every change"
            + " made to existing rows since then."
        : "A restore would delete the " + rows(written) + " written " + since + " (" + counts + ") and undo every"
            + " change made to existing rows since then.";
    if (!uncounted.isEmpty()) {
      kept += "; not compared: " + notCompared;
      lose += " It would lose more that cannot be counted: " + notCompared + ".";
    }
    return new DataSinceBackup(backup.file(), backup.takenAt(), tables, written, uncounted.isEmpty(), kept, lose);
  }

  /** When nothing can be compared, e.g. the runbook lists no verified tables or the live database cannot be read. */
  public static DataSinceBackup uncounted(BackupReceipt backup, String reason) {
    return uncounted(backup, List.of(), reason);
  }

  private static DataSinceBackup uncounted(BackupReceipt backup, List<TableSinceBackup> tables, String reason) {
    return new DataSinceBackup(backup.file(), backup.takenAt(), tables, 0, false,
        "the rows written since the backup of " + takenAt(backup) + " cannot be counted: " + reason,
        "What a restore would delete cannot be counted: " + reason + ". It would undo every write since the backup"
            + " of " + takenAt(backup) + ".");
  }

  private static String rows(long count) {
    return count == 1 ? "1 row" : count + " rows";
  }

  private static String takenAt(BackupReceipt backup) {
    return DateTimeFormatter.ISO_INSTANT.format(backup.takenAt().truncatedTo(ChronoUnit.SECONDS));
  }
}
