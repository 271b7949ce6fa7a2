package dev.greenlight.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.List;

/**
 * The service's PostgreSQL database.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://db.internal:5432/checkout}
 * @param username database user
 * @param passwordSecret name of the secret holding the password
 * @param backupDirectory where {@code pg_dump} archives go (custom format)
 * @param verifyTables tables whose row counts are recorded at backup and checked after a restore
 * @param migrations how the schema is migrated and rolled back; null when the release has no migrations
 */
public record DatabaseTarget(
    String jdbcUrl,
    String username,
    String passwordSecret,
    String backupDirectory,
    List<String> verifyTables,
    Migrations migrations) {

  /**
   * @param tool liquibase (changelog, tag before update, roll back to the tag) or command (any migration tool)
   * @param changelog Liquibase changelog path (file system or classpath)
   * @param command argument array of the migration command, e.g. {@code [alembic, upgrade, head]}
   * @param rollbackCommand argument array that undoes it
   * @param workingDirectory where the command runs
   * @param timeout longest a migration may run
   */
  public record Migrations(
      MigrationTool tool,
      String changelog,
      List<String> command,
      List<String> rollbackCommand,
      String workingDirectory,
      Duration timeout) {}

  public enum MigrationTool {
    LIQUIBASE, COMMAND;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }
}
