package dev.greenlight.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL 15 server (embedded binaries) on 127.0.0.1 and a free port, for one test class: register it with
 * {@code @RegisterExtension static final LocalPostgres postgres = LocalPostgres.forTestClass(...)}; it starts before
 * the class's first test and stops after its last. The superuser {@code postgres} logs in without a password (the
 * embedded library needs that); {@link #USER} needs its password, so tests prove the password reaches JDBC,
 * {@code pg_dump} and {@code pg_restore}. Each test gets a fresh database.
 */
public final class LocalPostgres implements BeforeAllCallback, AfterAllCallback {

  public static final String USER = "greenlight_test";
  public static final String PASSWORD = "s3cret-for-tests-only";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final List<String> clientPrograms;
  private Path dataDirectory;
  private int port;
  private EmbeddedPostgres server;

  private LocalPostgres(List<String> clientPrograms) {
    this.clientPrograms = clientPrograms;
  }

  /**
   * @param clientPrograms the PostgreSQL client programs ({@code pg_dump}, {@code psql}, …) the test class runs; the
   *     class fails, saying what to install, when one is missing
   */
  public static LocalPostgres forTestClass(String... clientPrograms) {
    return new LocalPostgres(List.of(clientPrograms));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    clientPrograms.forEach(LocalPostgres::requireClientProgram);
    dataDirectory = Files.createTempDirectory("local-postgres");
    port = FreePort.onLoopback();
    start();
    asSuperuser("postgres", "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    stop();
    if (dataDirectory != null) {
      try (var files = Files.walk(dataDirectory)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  /** Stops the server, as an outage would; its databases stay on disk for {@link #start()}. */
  public void stop() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Starts the server on its port with the databases it had; a running server is left as it is. */
  public void start() throws IOException {
    if (server != null) {
      return;
    }
    server = EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setDataDirectoryCustomizer(directory -> requirePasswordsExceptForSuperuser(directory.toPath()))
        .start();
  }

  private static void requireClientProgram(String name) {
    Path program = Path.of("/usr/bin", name);
    assertThat(Files.isExecutable(program))
        .as("%s is missing: install postgresql-client (apt-get install postgresql-client, major version 15 or newer)",
            program)
        .isTrue();
  }

  /** Creates an empty database owned by {@link #USER}; returns its JDBC URL. */
  public String createDatabase() {
    String name = "db" + DATABASES.incrementAndGet();
    asSuperuser("postgres", "CREATE DATABASE " + name + " OWNER " + USER);
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name;
  }

  /**
   * A new database holding what a {@code pg_dump} archive holds, restored with the system's {@code pg_restore} as
   * {@link #USER}; returns its JDBC URL.
   */
  public String restoreIntoNewDatabase(Path archive) {
    String jdbcUrl = createDatabase();
    ProcessBuilder restore = new ProcessBuilder("/usr/bin/pg_restore", "--no-owner", "--exit-on-error",
        "--host=127.0.0.1", "--port=" + server.getPort(), "--username=" + USER,
        "--dbname=" + jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1), archive.toString()).redirectErrorStream(true);
    restore.environment().put("PGPASSWORD", PASSWORD);
    try {
      Process process = restore.start();
      String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as("pg_restore of %s: %s", archive, output).isZero();
    } catch (IOException e) {
      throw new UncheckedIOException("Running pg_restore failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while restoring " + archive, e);
    }
    return jdbcUrl;
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
}
