package dev.greenlight.integrations.database;

import java.util.Map;

/** A restore completed, but some verified tables do not hold the row counts recorded at backup. */
public class RestoreMismatchException extends RuntimeException {

  private final transient Map<String, RowCountDifference> differences;

  public RestoreMismatchException(String file, Map<String, RowCountDifference> differences) {
    super("The restore of " + file + " does not match its backup: " + differences.entrySet().stream()
        .map(e -> e.getKey() + " has " + e.getValue().restored() + " rows, the backup had " + e.getValue().backedUp())
        .reduce((a, b) -> a + "; " + b).orElse(""));
    this.differences = Map.copyOf(differences);
  }

  public Map<String, RowCountDifference> differences() {
    return differences;
  }

  /** @param backedUp rows recorded at backup @param restored rows found after the restore (-1: table missing) */
  public record RowCountDifference(long backedUp, long restored) {}
}
