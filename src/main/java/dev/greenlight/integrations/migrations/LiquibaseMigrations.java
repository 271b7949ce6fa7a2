package dev.greenlight.integrations.migrations;

import dev.greenlight.integrations.database.postgres.PostgresAccess;
import dev.greenlight.spec.DatabaseTarget;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.TagCommandStep;
import liquibase.command.core.TagExistsCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Liquibase {@code update} after tagging the database's state before the rollout, and {@code rollback} to that tag.
 * A retried migration keeps the first tag (tagging again would move it past the applied changesets) and finds the
 * changesets applied.
 */
@Component
public class LiquibaseMigrations implements SchemaMigrations {

  static final String TOOL = "liquibase";
  private static final Logger log = LoggerFactory.getLogger(LiquibaseMigrations.class);

  private final PostgresAccess access;

  public LiquibaseMigrations(PostgresAccess access) {
    this.access = access;
  }

  /** The tag marking the database as it was before a rollout's migrations. */
  public static String tagBefore(String rolloutId) {
    return "greenlight-before-" + rolloutId;
  }

  @Override
  public MigrationReport migrate(DatabaseTarget database, String rolloutId) {
    ChangelogLocation changelog = ChangelogLocation.of(database.migrations().changelog());
    String tag = tagBefore(rolloutId);
    return withDatabase(database, changelog, target -> {
      if (Boolean.TRUE.equals(tagExists(target, tag))) {
        log.info("Tag {} exists: a previous attempt of rollout {} tagged the database already", tag, rolloutId);
      } else {
        command(TagCommandStep.COMMAND_NAME, target).addArgumentValue(TagCommandStep.TAG_ARG, tag).execute();
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      try {
        command(UpdateCommandStep.COMMAND_NAME, target)
            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.path())
            .setOutput(output)
            .execute();
      } catch (Exception failure) {
        List<String> lines = new ArrayList<>(OutputLines.lastOf(output.toString(StandardCharsets.UTF_8)));
        lines.addAll(rollBack(target, changelog, tag, failure));
        String reason = reason(failure);
        throw new MigrationFailedException("Liquibase update of " + changelog.path() + " failed (" + reason
            + "); the database was rolled back to tag " + tag + ", as it was before the migration",
            MigrationReport.undone(TOOL, tag, "failed: " + reason + "; rolled back to tag " + tag, lines), failure);
      }
      return MigrationReport.applied(TOOL, tag, "updated " + changelog.path() + " after tagging " + tag,
          OutputLines.lastOf(output.toString(StandardCharsets.UTF_8)));
    });
  }

  @Override
  public MigrationReport rollback(DatabaseTarget database, String rolloutId) {
    ChangelogLocation changelog = ChangelogLocation.of(database.migrations().changelog());
    String tag = tagBefore(rolloutId);
    return withDatabase(database, changelog, target -> {
      if (!Boolean.TRUE.equals(tagExists(target, tag))) {
        throw new IllegalStateException("The database has no Liquibase tag " + tag + ": run-migrations never ran for"
            + " rollout " + rolloutId + " on it, so there is nothing to roll back to");
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      try {
        rollBackToTag(target, changelog, tag, output);
      } catch (Exception refused) {
        String reason = reason(refused);
        log.warn("Migrations of rollout {} could not be rolled back to tag {}: {}", rolloutId, tag, reason);
        throw new MigrationRollbackFailedException("Liquibase could not roll " + changelog.path() + " back to tag "
            + tag + " (" + reason + "); the migrations are still in the database",
            MigrationReport.applied(TOOL, tag, "rolling back to tag " + tag + " failed: " + reason,
                OutputLines.lastOf(output.toString(StandardCharsets.UTF_8))), refused);
      }
      log.info("Migrations of rollout {} rolled back to tag {}", rolloutId, tag);
      return MigrationReport.undone(TOOL, tag, "rolled back to tag " + tag,
          OutputLines.lastOf(output.toString(StandardCharsets.UTF_8)));
    });
  }

  private static void rollBackToTag(Database target, ChangelogLocation changelog, String tag,
      ByteArrayOutputStream output) throws Exception {
    command(RollbackCommandStep.COMMAND_NAME, target)
        .addArgumentValue(RollbackCommandStep.TAG_ARG, tag)
        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.path())
        .setOutput(output)
        .execute();
  }

  /** Rolls back after a failed update; a rollback that fails too leaves a half-migrated database for a person. */
  private static List<String> rollBack(Database target, ChangelogLocation changelog, String tag, Exception failure) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      rollBackToTag(target, changelog, tag, output);
    } catch (Exception rollbackFailure) {
      IllegalStateException unrepaired = new IllegalStateException("Liquibase update of " + changelog.path()
          + " failed (" + reason(failure) + ") and rolling back to tag " + tag + " failed too ("
          + reason(rollbackFailure) + "): the database may be partly migrated and needs repair by hand", failure);
      unrepaired.addSuppressed(rollbackFailure);
      throw unrepaired;
    }
    return OutputLines.lastOf(output.toString(StandardCharsets.UTF_8));
  }

  private static Boolean tagExists(Database target, String tag) throws Exception {
    return command(TagExistsCommandStep.COMMAND_NAME, target)
        .addArgumentValue(TagExistsCommandStep.TAG_ARG, tag)
        .execute()
        .getResult(TagExistsCommandStep.TAG_EXISTS_RESULT);
  }

  private static CommandScope command(String[] name, Database target) throws Exception {
    return new CommandScope(name).addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, target);
  }

  private <T> T withDatabase(DatabaseTarget database, ChangelogLocation changelog, LiquibaseWork<T> work) {
    Map<String, Object> scope = Map.of(
        Scope.Attr.resourceAccessor.name(), changelog.resourceAccessor(),
        Scope.Attr.ui.name(), new LoggerUIService(),
        AnalyticsArgs.ENABLED.getKey(), false);
    try (Connection connection = access.connect(database)) {
      Database target = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      return Scope.child(scope, () -> work.run(target));
    } catch (MigrationFailedException | MigrationRollbackFailedException | IllegalStateException
        | IllegalArgumentException e) {
      throw e;
    } catch (SQLException e) {
      throw new IllegalStateException("Closing the Liquibase connection failed: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("Liquibase failed on " + changelog.path() + ": " + reason(e), e);
    }
  }

  /** The failed changeset (when Liquibase names one) and the innermost message: the database's own error. */
  private static String reason(Throwable failure) {
    String changeset = null;
    Throwable cause = failure;
    while (true) {
      if (cause instanceof liquibase.exception.MigrationFailedException && cause.getMessage() != null) {
        changeset = cause.getMessage().lines().findFirst().orElse("").replaceFirst(":$", "").strip();
      }
      if (cause.getCause() == null || cause.getCause() == cause) {
        break;
      }
      cause = cause.getCause();
    }
    String message = (cause.getMessage() == null ? cause.toString() : cause.getMessage()).strip();
    return changeset == null || changeset.isEmpty() ? message : changeset + ": " + message;
  }

  @FunctionalInterface
  private interface LiquibaseWork<T> {
    T run(Database target) throws Exception;
  }

  /** A changelog path from the spec: a file when one exists there, else a classpath resource. */
  record ChangelogLocation(String path, ResourceAccessor resourceAccessor) {

    static ChangelogLocation of(String changelog) {
      if (changelog == null || changelog.isBlank()) {
        throw new IllegalArgumentException("database.migrations.changelog is missing: name the Liquibase changelog"
            + " (a file path or a classpath resource)");
      }
      Path file = Path.of(changelog);
      if (Files.isRegularFile(file)) {
        try {
          return new ChangelogLocation(file.getFileName().toString(),
              new DirectoryResourceAccessor(file.toAbsolutePath().getParent()));
        } catch (FileNotFoundException e) {
          throw new IllegalStateException("The changelog directory of " + file + " vanished: " + e.getMessage(), e);
        }
      }
      ClassLoader classLoader = LiquibaseMigrations.class.getClassLoader();
      if (classLoader.getResource(changelog) == null) {
        throw new IllegalArgumentException("database.migrations.changelog '" + changelog + "' is neither a file nor"
            + " a classpath resource: correct the path");
      }
      return new ChangelogLocation(changelog, new ClassLoaderResourceAccessor(classLoader));
    }
  }
}
