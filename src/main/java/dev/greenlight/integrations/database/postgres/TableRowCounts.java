package dev.greenlight.integrations.database.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Row counts of the spec's {@code verifyTables}, the evidence that a restore brought back what was backed up. */
final class TableRowCounts {

  /** A plain or schema-qualified name; PostgreSQL folds it to lower case as it would in any unquoted query. */
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");
  private static final String UNDEFINED_TABLE = "42P01";

  /** Marks a table that does not exist (after a restore, that is a mismatch, not an error). */
  static final long MISSING = -1;

  private TableRowCounts() {}

  static void requireValidNames(List<String> tables) {
    for (String table : tables == null ? List.<String>of() : tables) {
      if (table == null || !TABLE_NAME.matcher(table).matches()) {
        throw new IllegalArgumentException("database.verifyTables holds '" + table + "', which is not a table name:"
            + " use name or schema.name (letters, digits, underscores)");
      }
    }
  }

  /** Counts each table; a table that does not exist fails with a message naming it. */
  static Map<String, Long> count(Connection connection, List<String> tables) {
    Map<String, Long> counts = countAllowingMissing(connection, tables);
    counts.forEach((table, rows) -> {
      if (rows == MISSING) {
        throw new IllegalArgumentException("database.verifyTables lists '" + table + "', which does not exist in"
            + " the database: correct the name or remove it");
      }
    });
    return counts;
  }

  /** Counts each table, with {@link #MISSING} for a table that does not exist. */
  static Map<String, Long> countAllowingMissing(Connection connection, List<String> tables) {
    requireValidNames(tables);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : tables == null ? List.<String>of() : tables) {
      counts.put(table, countRows(connection, table));
    }
    return counts;
  }

  private static long countRows(Connection connection, String table) {
    // the name matched TABLE_NAME, so it cannot carry anything but an identifier into the statement
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        return MISSING;
      }
      throw new IllegalStateException("Counting the rows of " + table + " failed: " + e.getMessage(), e);
    }
  }
}
