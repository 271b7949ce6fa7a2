package dev.greenlight.demo.service;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo service's own PostgreSQL 15 (embedded binaries) on 127.0.0.1: database {@value #DATABASE}, owned by
 * {@value #USER}, with the legacy system's table {@code elements}. The new system's {@code element_index} is not here:
 * the release's Liquibase migration creates it, so the rollout has something real to migrate, back up and restore.
 */
public final class CatalogDatabase implements AutoCloseable {

  public static final String DATABASE = "catalog";
  public static final String USER = "catalog";

  /** Keyword → category, the catalog the element lookup answers from. */
  static final Map<String, String> ELEMENTS = Map.ofEntries(
      Map.entry("ladder", "access"), Map.entry("towbar", "towing"), Map.entry("awning", "exterior"),
      Map.entry("solar-panel", "electrical"), Map.entry("bike-rack", "carrier"), Map.entry("roof-box", "carrier"),
      Map.entry("gas-tank", "fuel"), Map.entry("water-tank", "plumbing"), Map.entry("heater", "climate"),
      Map.entry("air-conditioner", "climate"), Map.entry("inverter", "electrical"), Map.entry("snorkel", "engine"),
      Map.entry("winch", "towing"), Map.entry("spare-wheel", "chassis"), Map.entry("bull-bar", "exterior"),
      Map.entry("roof-tent", "sleeping"), Map.entry("fridge", "kitchen"), Map.entry("hob", "kitchen"),
      Map.entry("shower", "plumbing"), Map.entry("toilet", "plumbing"));

  private final EmbeddedPostgres server;
  private final String password;

  private CatalogDatabase(EmbeddedPostgres server, String password) {
    this.server = server;
    this.password = password;
  }

  public static CatalogDatabase start(String password) {
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      EmbeddedPostgres server = EmbeddedPostgres.builder()
          .setPort(port)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .start();
      CatalogDatabase database = new CatalogDatabase(server, password);
      database.create();
      return database;
    } catch (IOException e) {
      throw new UncheckedIOException("Starting the demo service's embedded PostgreSQL failed", e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE;
  }

  /** A connection as the service's user; server-side plan caching is off because a restore replaces the tables. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl() + "?prepareThreshold=0", USER, password);
  }

  private void create() {
    String rows = ELEMENTS.entrySet().stream()
        .map(element -> "('" + element.getKey() + "', '" + element.getValue() + "')")
        .collect(Collectors.joining(", "));
    try (Connection admin = server.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
      statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
    } catch (SQLException e) {
      throw new IllegalStateException("Creating the demo database failed: " + e.getMessage(), e);
    }
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE elements (id serial PRIMARY KEY, keyword text NOT NULL UNIQUE,"
          + " category text NOT NULL)");
      statement.execute("INSERT INTO elements (keyword, category) VALUES " + rows);
    } catch (SQLException e) {
      throw new IllegalStateException("Creating the demo schema failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
