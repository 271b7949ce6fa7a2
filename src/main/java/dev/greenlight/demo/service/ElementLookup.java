package dev.greenlight.demo.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The service's business: which category an element belongs to. The legacy system looks it up in {@code elements};
 * the new system in {@code element_index}, which the release's migration builds. Each request thread keeps its own
 * connection and opens a fresh one after a failure (a restore drops and recreates the tables).
 */
final class ElementLookup {

  private final CatalogDatabase database;
  private final ThreadLocal<Connection> connections = new ThreadLocal<>();

  ElementLookup(CatalogDatabase database) {
    this.database = database;
  }

  /** The legacy path; null when the element is unknown. */
  String legacy(String input) throws SQLException {
    return query("SELECT category FROM elements WHERE keyword = ?", input.strip().toLowerCase(Locale.ROOT));
  }

  /** The new path; fails while the migration has not built its index. */
  String newSystem(String input) throws SQLException {
    return query("SELECT category FROM element_index WHERE keyword = ?",
        input.strip().toLowerCase(Locale.ROOT).replace(' ', '-'));
  }

  private String query(String sql, String keyword) throws SQLException {
    Connection connection = connection();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, keyword);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (SQLException e) {
      if (connection.isClosed() || !connection.isValid(1)) {
        connections.remove();
        connection.close();
      }
      throw e;
    }
  }

  private Connection connection() throws SQLException {
    Connection connection = connections.get();
    if (connection == null) {
      connection = database.connect();
      connections.set(connection);
    }
    return connection;
  }
}
