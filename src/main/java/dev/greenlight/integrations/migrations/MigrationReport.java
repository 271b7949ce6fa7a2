package dev.greenlight.integrations.migrations;

import java.util.List;

/**
 * What a migration or its rollback did: the process variables {@code migration} and {@code migrationRollback}.
 *
 * @param tool liquibase, command, or none when the release has no migrations
 * @param rollbackPoint what undoes the migration: the Liquibase tag or the rollback command line
 * @param outcome one sentence for people, e.g. which tag the database was rolled back to
 * @param output the last lines of the tool's output
 */
public record MigrationReport(String tool, String rollbackPoint, String outcome, List<String> output) {

  public MigrationReport {
    output = output == null ? List.of() : List.copyOf(output);
  }
}
