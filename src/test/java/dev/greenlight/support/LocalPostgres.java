package dev.greenlight.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 15 server (embedded binaries) on 127.0.0.1 and a free port, for one test class. The superuser
 * {@code postgres} logs in without a password (the embedded library needs that); {@link #USER} needs its password, so
 * tests prove the password reaches JDBC, {@code pg_dump} and {@code pg_restore}. Each test gets a fresh database.
 */
public final class LocalPostgres implements AutoCloseable {

  public static final String USER = "greenlight_test";
  public static final String PASSWORD = "s3cret-for-tests-only";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final EmbeddedPostgres server;

  private LocalPostgres(EmbeddedPostgres server) {
    this.server = server;
  }

  public static LocalPostgres start() {
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      EmbeddedPostgres server = EmbeddedPostgres.builder()
          .setPort(port)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setDataDirectoryCustomizer(dataDirectory -> requirePasswordsExceptForSuperuser(dataDirectory.toPath()))
          .start();
      LocalPostgres postgres = new LocalPostgres(server);
      postgres.asSuperuser("postgres", "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException("Starting embedded PostgreSQL failed", e);
    }
  }

  /** Fails the test, with what to install, when a PostgreSQL client program is missing. */
  public static Path requireClientProgram(String name) {
    Path program = Path.of("/usr/bin", name);
    assertThat(Files.isExecutable(program))
        .as("%s is missing: install postgresql-client (apt-get install postgresql-client, major version 15 or newer)",
            program)
        .isTrue();
    return program;
  }

  /** Creates an empty database owned by {@link #USER}; returns its JDBC URL. */
  public String createDatabase() {
    String name = "db" + DATABASES.incrementAndGet();
    asSuperuser("postgres", "CREATE DATABASE " + name + " OWNER " + USER);
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name;
  }

  public int port() {
    return server.getPort();
  }

  /** A connection as {@link #USER} to a database created by {@link #createDatabase()}. */
  public Connection connect(String jdbcUrl) throws SQLException {
    return DriverManager.getConnection(jdbcUrl, USER, PASSWORD);
  }

  /** Runs SQL statements as {@link #USER}. */
  public void execute(String jdbcUrl, String... statements) {
    try (Connection connection = connect(jdbcUrl); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
    }
  }

  private void asSuperuser(String database, String sql) {
    try (Connection connection = server.getDatabase("postgres", database).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL as superuser failed: " + e.getMessage(), e);
    }
  }

  private static void requirePasswordsExceptForSuperuser(Path dataDirectory) {
    try {
      Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
          local all postgres trust
          host all postgres 127.0.0.1/32 trust
          host all postgres ::1/128 trust
          host all all 127.0.0.1/32 scram-sha-256
          host all all ::1/128 scram-sha-256
          """);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing pg_hba.conf failed", e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Stopping embedded PostgreSQL failed", e);
    }
  }
}
