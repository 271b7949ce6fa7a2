package dev.greenlight.integrations.migrations;

import java.util.List;

/**
 * What a migration or its rollback did: the process variables {@code migration} and {@code migrationRollback}.
 *
 * @param tool liquibase, command, or none when the release has no migrations
 * @param rollbackPoint what undoes the migration: the Liquibase tag or the rollback command line
 * @param applied whether the rollout's migrations are in the database after this step: true after a migration and
 *     after a rollback that failed; false once they were undone (a failed migration that was undone, a rollback that
 *     succeeded). A rollback runs only for a migration that is applied, so an undone one is never undone twice
 * @param outcome one sentence for people, e.g. which tag the database was rolled back to
 * @param output the last lines of the tool's output
 */
public record MigrationReport(String tool, String rollbackPoint, boolean applied, String outcome, List<String> output) {

  public MigrationReport {
    output = output == null ? List.of() : List.copyOf(output);
  }

  /** The migrations are in the database. */
  public static MigrationReport applied(String tool, String rollbackPoint, String outcome, List<String> output) {
    return new MigrationReport(tool, rollbackPoint, true, outcome, output);
  }

  /** The migrations are not in the database (any more). */
  public static MigrationReport undone(String tool, String rollbackPoint, String outcome, List<String> output) {
    return new MigrationReport(tool, rollbackPoint, false, outcome, output);
  }
}
