package dev.greenlight.demo.service;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads whether the catalog database answers and its buffer cache counters, once per scrape. */
final class DatabaseStatistics {

  record Reading(boolean up, long blocksHit, long blocksRead) {}

  private final CatalogDatabase database;

  DatabaseStatistics(CatalogDatabase database) {
    this.database = database;
  }

  /** A database that cannot be reached is a reading (down), not a failed scrape: that is what the alert is for. */
  Reading read() {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT blks_hit, blks_read FROM pg_stat_database WHERE datname = current_database()")) {
      row.next();
      return new Reading(true, row.getLong(1), row.getLong(2));
    } catch (SQLException e) {
      return new Reading(false, 0, 0);
    }
  }
}
