package dev.greenlight.rehearsal.standins;

import dev.greenlight.integrations.migrations.CommandMigrations;
import dev.greenlight.integrations.migrations.LiquibaseMigrations;
import dev.greenlight.integrations.migrations.MigrationReport;
import dev.greenlight.integrations.migrations.SchemaMigrations;
import dev.greenlight.integrations.migrations.SchemaMigrationsFactory;
import dev.greenlight.rehearsal.RehearsalApplication;
import dev.greenlight.rehearsal.RehearsalRecorder;
import dev.greenlight.spec.DatabaseTarget;
import dev.greenlight.spec.DatabaseTarget.Migrations;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Schema migrations in a rehearsal: records each migration and its rollback; the database is not touched. */
@Component
@Profile(RehearsalApplication.PROFILE)
class RecordingMigrations extends SchemaMigrationsFactory {

  private final RehearsalRecorder recorder;

  RecordingMigrations(LiquibaseMigrations liquibase, CommandMigrations command,
      RehearsalRecorder recorder) {
    super(liquibase, command);
    this.recorder = recorder;
  }

  @Override
  public SchemaMigrations forDatabase(DatabaseTarget database) {
    if (database == null || database.migrations() == null || database.migrations().tool() == null) {
      return super.forDatabase(database);
    }
    Migrations migrations = database.migrations();
    String tool = migrations.tool().specName();
    return new SchemaMigrations() {
      @Override
      public MigrationReport migrate(DatabaseTarget target, String rolloutId) {
        String rollbackPoint = switch (migrations.tool()) {
          case LIQUIBASE -> LiquibaseMigrations.tagBefore(rolloutId);
          case COMMAND -> String.join(" ", migrations.rollbackCommand());
        };
        recorder.call("migrations", switch (migrations.tool()) {
          case LIQUIBASE -> "liquibase update of " + migrations.changelog() + " on " + target.jdbcUrl()
              + ", tagged " + rollbackPoint + " before";
          case COMMAND -> String.join(" ", migrations.command()) + " on " + target.jdbcUrl();
        });
        return MigrationReport.applied(tool, rollbackPoint, "rehearsal: migrated", List.of());
      }

      @Override
      public MigrationReport rollback(DatabaseTarget target, String rolloutId) {
        String undo = switch (migrations.tool()) {
          case LIQUIBASE -> "liquibase rollback of " + target.jdbcUrl() + " to tag "
              + LiquibaseMigrations.tagBefore(rolloutId);
          case COMMAND -> String.join(" ", migrations.rollbackCommand()) + " on " + target.jdbcUrl();
        };
        recorder.call("migrations", undo);
        return MigrationReport.undone(tool, null, "rehearsal: rolled back", List.of());
      }
    };
  }
}
