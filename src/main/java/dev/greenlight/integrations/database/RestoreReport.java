package dev.greenlight.integrations.database;

import java.time.Instant;
import java.util.Map;

/**
 * A restore whose row counts matched the backup's.
 *
 * @param file the archive restored
 * @param rowCounts row count of each verified table after the restore
 * @param restoredAt when the restore finished
 * @param liveDumpFile the dump of the live database taken just before the restore: restoring it undoes the restore
 */
public record RestoreReport(String file, Map<String, Long> rowCounts, Instant restoredAt, String liveDumpFile) {}
