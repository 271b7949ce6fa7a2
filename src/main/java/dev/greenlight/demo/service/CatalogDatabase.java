package dev.greenlight.demo.service;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
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
 * The demo service's PostgreSQL with the legacy system's table {@code elements}: either its own PostgreSQL 15
 * (embedded binaries) on 127.0.0.1 with database {@value #DATABASE} owned by {@value #USER}, or an existing server
 * given by JDBC URL (docker-compose's). The new system's {@code element_index} is not created here: the release's
 * Liquibase migration creates it, so the rollout has something real to migrate and back up.
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

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final Closeable server;

  private CatalogDatabase(String jdbcUrl, String user, String password, Closeable server) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.server = server;
  }

  /** Starts the service's own PostgreSQL on a free loopback port; closing the database stops it. */
  public static CatalogDatabase embedded(String password) {
    EmbeddedPostgres server;
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      server = EmbeddedPostgres.builder()
          .setPort(port)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Starting the demo service's embedded PostgreSQL failed", e);
    }
    try (Connection admin = server.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
      statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
    } catch (SQLException e) {
      closeAfterFailure(server, e);
      throw new IllegalStateException("Creating the demo database failed: " + e.getMessage(), e);
    }
    CatalogDatabase database = new CatalogDatabase(
        "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE, USER, password, server);
    try {
      database.createSchema();
    } catch (IllegalStateException e) {
      closeAfterFailure(server, e);
      throw e;
    }
    return database;
  }

  /**
   * An existing database the user may create tables in; the table {@code elements} is created and filled when it is
   * missing, so a restarted service keeps what a rollout changed. Fails, naming the URL, when the server does not let
   * the user in.
   */
  public static CatalogDatabase external(String jdbcUrl, String user, String password) {
    CatalogDatabase database = new CatalogDatabase(jdbcUrl, user, password, () -> { });
    database.createSchema();
    return database;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** A connection as the service's user; server-side plan caching is off because a restore replaces the tables. */
  Connection connect() throws SQLException {
    String separator = jdbcUrl.contains("?") ? "&" : "?";
    return DriverManager.getConnection(jdbcUrl + separator + "prepareThreshold=0", user, password);
  }

  private void createSchema() {
    String rows = ELEMENTS.entrySet().stream()
        .map(element -> "('" + element.getKey() + "', '" + element.getValue() + "')")
        .collect(Collectors.joining(", "));
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS elements (id serial PRIMARY KEY, keyword text NOT NULL UNIQUE,"
          + " category text NOT NULL)");
      statement.execute("INSERT INTO elements (keyword, category) VALUES " + rows + " ON CONFLICT (keyword) DO NOTHING");
    } catch (SQLException e) {
      throw new IllegalStateException("Creating the demo schema in " + jdbcUrl + " as " + user + " failed: "
          + e.getMessage(), e);
    }
  }

  private static void closeAfterFailure(EmbeddedPostgres server, Exception failure) {
    try {
      server.close();
    } catch (IOException closing) {
      failure.addSuppressed(closing);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
