package dev.greenlight.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.List;

/**
 * The service's PostgreSQL database.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://db.internal:5432/checkout}; one host, no credentials in it (the client
 *     programs get host, port and database from it, and {@code sslmode} if given)
 * @param username database user
 * @param passwordSecret name of the secret holding the password
 * @param backupDirectory where {@code pg_dump} archives go (custom format), named
 *     {@code service-rolloutId-yyyyMMddTHHmmssZ.dump}, each with a {@code .receipt.json} beside it
 * @param verifyTables tables ({@code name} or {@code schema.name}) whose row counts are recorded at backup, compared
 *     with the live database's when a rollback leaves it as it is or offers a restore, and checked after a restore
 * @param migrations how the schema is migrated and rolled back; null when the release has no migrations
 * @param restoreOnRollback whether a rollback whose migrations could not be rolled back offers the deciders a restore
 *     of the backup (never done automatically)
 */
public record DatabaseTarget(
    String jdbcUrl,
    String username,
    String passwordSecret,
    String backupDirectory,
    List<String> verifyTables,
    Migrations migrations,
    RestoreOnRollback restoreOnRollback) {

  /**
   * @param tool liquibase (changelog, tag before update, roll back to the tag) or command (any migration tool)
   * @param changelog Liquibase changelog path (file system or classpath)
   * @param command argument array of the migration command, e.g. {@code [alembic, upgrade, head]}; run without a
   *     shell, with {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER} and {@code PGPASSWORD} set. It
   *     is run again when its job is retried, so the tool must skip what it already applied
   * @param rollbackCommand argument array that undoes it; required for a command migration
   * @param workingDirectory where the command runs
   * @param timeout longest a command migration may run (default 30 minutes); it is killed after that
   */
  public record Migrations(
      MigrationTool tool,
      String changelog,
      List<String> command,
      List<String> rollbackCommand,
      String workingDirectory,
      Duration timeout) {}

  /**
   * What a rollback may do with the backup when the migrations could not be rolled back. A rollback never restores by
   * itself: restoring deletes every row written since the backup.
   */
  public enum RestoreOnRollback {
    /** The deciders are asked, with what a restore would lose; a chosen restore dumps the live database first. */
    ASK,
    /** No restore is offered: the database is left as it is and the team is told. */
    NEVER;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }

  public enum MigrationTool {
    LIQUIBASE, COMMAND;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }
}
