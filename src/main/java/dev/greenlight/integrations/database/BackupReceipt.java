package dev.greenlight.integrations.database;

import java.time.Instant;
import java.util.Map;

/**
 * A finished, verified backup: the process variable {@code backup} and the receipt file next to the archive.
 *
 * @param file absolute path of the archive
 * @param sizeBytes its size
 * @param sha256 hex SHA-256 of the archive, checked before it is restored
 * @param rowCounts row count of each of the spec's {@code verifyTables} in the backed-up snapshot
 * @param takenAt when the snapshot was taken
 */
public record BackupReceipt(String file, long sizeBytes, String sha256, Map<String, Long> rowCounts, Instant takenAt) {}
