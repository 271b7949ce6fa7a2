package dev.greenlight.integrations.migrations;

import dev.greenlight.spec.DatabaseTarget;

/**
 * Migrates a service's schema for a rollout and undoes it. Both are safe to repeat: a retried job finds the work done.
 */
public interface SchemaMigrations {

  /**
   * Applies the release's migrations after recording where to roll back to. A migration that fails is undone before
   * this returns.
   *
   * @throws MigrationFailedException when the migration failed and the database was put back as it was
   */
  MigrationReport migrate(DatabaseTarget database, String rolloutId);

  /**
   * Undoes what {@link #migrate} applied for this rollout.
   *
   * @throws MigrationRollbackFailedException when the tool could not undo it (the rollback command failed, Liquibase
   *     refused); the migrations are then still in the database
   */
  MigrationReport rollback(DatabaseTarget database, String rolloutId);
}
