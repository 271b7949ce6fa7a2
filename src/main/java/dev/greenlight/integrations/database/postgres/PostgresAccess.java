package dev.greenlight.integrations.database.postgres;

import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.DatabaseTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Logs in to the spec's database: JDBC connections for Greenlight's own queries, and the environment that lets the
 * client programs log in. The password is resolved from its secret at the moment of use and never leaves the JDBC
 * driver or the child process's environment.
 */
@Component
public class PostgresAccess {

  private final Secrets secrets;

  public PostgresAccess(Secrets secrets) {
    this.secrets = secrets;
  }

  public PostgresAddress address(DatabaseTarget database) {
    return PostgresAddress.parse(database.jdbcUrl());
  }

  /** An open connection; a refused login or an unreachable server fails with a message naming both. */
  public Connection connect(DatabaseTarget database) {
    PostgresAddress address = address(database);
    Properties login = new Properties();
    login.setProperty("user", username(database));
    login.setProperty("password", secrets.require(database.passwordSecret()));
    login.setProperty("ApplicationName", "greenlight");
    try {
      return DriverManager.getConnection(database.jdbcUrl().strip(), login);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot connect to PostgreSQL database '" + address.database() + "' at "
          + address.host() + ":" + address.port() + " as '" + database.username() + "': " + e.getMessage()
          + ". Check database.jdbcUrl, database.username and the secret '" + database.passwordSecret() + "'", e);
    }
  }

  /**
   * The libpq variables ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD},
   * {@code PGSSLMODE}) for a child process, so that {@code psql}, {@code pg_dump} and most migration tools log in.
   */
  public Map<String, String> clientEnvironment(DatabaseTarget database) {
    Map<String, String> environment = new LinkedHashMap<>(address(database).clientEnvironment());
    environment.put("PGUSER", username(database));
    environment.put("PGPASSWORD", secrets.require(database.passwordSecret()));
    return environment;
  }

  private static String username(DatabaseTarget database) {
    if (database.username() == null || database.username().isBlank()) {
      throw new IllegalArgumentException("database.username is missing: name the user Greenlight logs in as");
    }
    return database.username();
  }
}
