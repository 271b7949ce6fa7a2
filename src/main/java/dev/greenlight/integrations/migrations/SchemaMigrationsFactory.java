package dev.greenlight.integrations.migrations;

import dev.greenlight.spec.DatabaseTarget;
import java.util.List;
import org.springframework.stereotype.Component;

/** Picks the migration implementation from the spec's {@code database.migrations.tool}. */
@Component
public class SchemaMigrationsFactory {

  /** For a release without migrations: nothing to apply or undo. */
  static final SchemaMigrations NONE = new SchemaMigrations() {
    @Override
    public MigrationReport migrate(DatabaseTarget database, String rolloutId) {
      return MigrationReport.undone("none", null, "the runbook has no migrations", List.of());
    }

    @Override
    public MigrationReport rollback(DatabaseTarget database, String rolloutId) {
      return MigrationReport.undone("none", null, "the runbook has no migrations to roll back", List.of());
    }
  };

  private final LiquibaseMigrations liquibase;
  private final CommandMigrations command;

  public SchemaMigrationsFactory(LiquibaseMigrations liquibase, CommandMigrations command) {
    this.liquibase = liquibase;
    this.command = command;
  }

  public SchemaMigrations forDatabase(DatabaseTarget database) {
    if (database == null || database.migrations() == null) {
      return NONE;
    }
    if (database.migrations().tool() == null) {
      throw new IllegalArgumentException("database.migrations.tool is missing: use liquibase or command");
    }
    return switch (database.migrations().tool()) {
      case LIQUIBASE -> liquibase;
      case COMMAND -> command;
    };
  }
}
