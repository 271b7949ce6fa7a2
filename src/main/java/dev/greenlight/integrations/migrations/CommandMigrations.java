package dev.greenlight.integrations.migrations;

import dev.greenlight.integrations.database.postgres.PostgresAccess;
import dev.greenlight.integrations.process.Command;
import dev.greenlight.integrations.process.CommandResult;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.spec.DatabaseTarget;
import dev.greenlight.spec.DatabaseTarget.Migrations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Any migration tool run as a program ({@code alembic upgrade head}, {@code flyway migrate}, a script), without a shell,
 * with the libpq login variables ({@code PGHOST} … {@code PGPASSWORD}) in its environment. A retried job runs the
 * command again, so the tool must skip what it already applied, as migration tools do by design.
 */
@Component
public class CommandMigrations implements SchemaMigrations {

  static final String TOOL = "command";
  private static final Logger log = LoggerFactory.getLogger(CommandMigrations.class);

  private final CommandRunner runner;
  private final PostgresAccess access;

  public CommandMigrations(CommandRunner runner, PostgresAccess access) {
    this.runner = runner;
    this.access = access;
  }

  @Override
  public MigrationReport migrate(DatabaseTarget database, String rolloutId) {
    Migrations migrations = database.migrations();
    List<String> migrate = require("command", migrations.command());
    List<String> undo = require("rollbackCommand", migrations.rollbackCommand());
    CommandResult migration = run(database, migrate);
    String rollbackPoint = String.join(" ", undo);
    if (migration.succeeded()) {
      return MigrationReport.applied(TOOL, rollbackPoint, "'" + String.join(" ", migrate) + "' succeeded",
          migration.outputTail());
    }
    CommandResult rollback = run(database, undo);
    if (!rollback.succeeded()) {
      throw new IllegalStateException("The migration " + migration.describe() + "\nThe rollback command then "
          + rollback.describe() + "\nThe database may be partly migrated and needs repair by hand");
    }
    List<String> output = new ArrayList<>(migration.outputTail());
    output.addAll(rollback.outputTail());
    throw new MigrationFailedException("The migration " + migration.describe() + "\nThe rollback command '"
        + rollbackPoint + "' succeeded, so the database is as it was before the migration",
        MigrationReport.undone(TOOL, rollbackPoint, "failed (" + ending(migration) + "); ran '" + rollbackPoint + "'",
            output), null);
  }

  @Override
  public MigrationReport rollback(DatabaseTarget database, String rolloutId) {
    List<String> undo = require("rollbackCommand", database.migrations().rollbackCommand());
    String rollbackPoint = String.join(" ", undo);
    CommandResult rollback = run(database, undo);
    if (!rollback.succeeded()) {
      log.warn("Migrations of rollout {} could not be rolled back: {}", rolloutId, rollback.describe());
      String lastLine = rollback.lastLine();
      throw new MigrationRollbackFailedException("The rollback command " + rollback.describe()
          + "\nThe migrations are still in the database",
          MigrationReport.applied(TOOL, rollbackPoint, "'" + rollbackPoint + "' " + ending(rollback)
              + (lastLine.isEmpty() ? "" : ": " + lastLine), rollback.outputTail()), null);
    }
    log.info("Migrations of rollout {} rolled back with '{}'", rolloutId, rollbackPoint);
    return MigrationReport.undone(TOOL, rollbackPoint, "rolled back with '" + rollbackPoint + "'",
        rollback.outputTail());
  }

  private CommandResult run(DatabaseTarget database, List<String> arguments) {
    Migrations migrations = database.migrations();
    Command command = Command.of(arguments)
        .withEnvironment(access.clientEnvironment(database))
        .withTimeout(migrations.timeout())
        .keepingOutputLines(OutputLines.KEPT);
    if (migrations.workingDirectory() != null && !migrations.workingDirectory().isBlank()) {
      command = command.inDirectory(Path.of(migrations.workingDirectory()));
    }
    return runner.run(command);
  }

  private static String ending(CommandResult result) {
    return result.timedOut() ? "timed out" : "exit code " + result.exitCode();
  }

  private static List<String> require(String field, List<String> arguments) {
    if (arguments == null || arguments.isEmpty() || arguments.getFirst() == null || arguments.getFirst().isBlank()) {
      throw new IllegalArgumentException("database.migrations." + field + " is missing: a command migration needs"
          + " both the migration and the command that undoes it, each as an argument array such as"
          + " [alembic, upgrade, head] and [alembic, downgrade, -1]");
    }
    return arguments;
  }
}
