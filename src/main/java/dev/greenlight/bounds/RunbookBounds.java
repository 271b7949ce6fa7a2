package dev.greenlight.bounds;

import dev.greenlight.integrations.database.postgres.PostgresClientProperties;
import dev.greenlight.spec.DatabaseTarget;
import dev.greenlight.spec.DatabaseTarget.MigrationTool;
import dev.greenlight.spec.FlagTarget.FlagProvider;
import dev.greenlight.spec.ReleaseTarget;
import dev.greenlight.spec.ReleaseTarget.ReleaseProvider;
import dev.greenlight.spec.RunbookProperties;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecError;
import dev.greenlight.spec.TrafficTarget;
import dev.greenlight.spec.TrafficTarget.TrafficProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a runbook may make Greenlight do on its machine, bounded by the operator's configuration and never by the
 * runbook: the commands it names ({@link CommandPolicy}) and the places it has Greenlight write ({@link FilePolicy}).
 * The start API and the {@code load-runbook} job check a whole runbook with it before anything runs, {@code greenlight
 * lint --server-config} checks files offline; the integrations check each command and file again when they use it.
 * Not final for {@code greenlight rehearse}, whose stand-ins run no command and write no file: it holds a runbook to
 * the server's bounds only when given the server's configuration, as lint does.
 */
public class RunbookBounds {

  private final CommandPolicy commands;
  private final FilePolicy files;

  /**
   * @throws IllegalStateException when a file root overlaps a command directory or the runbooks directory: a runbook
   *     could then write the scripts or runbooks Greenlight runs
   */
  public RunbookBounds(CommandPolicy commands, FilePolicy files, Path runbooksDirectory) {
    this.commands = commands;
    this.files = files;
    List<Path> guarded = new ArrayList<>(commands.directories());
    guarded.add(runbooksDirectory.toAbsolutePath().normalize());
    for (Path root : files.roots()) {
      for (Path directory : guarded) {
        Path writable = leadsTo(root);
        Path run = leadsTo(directory);
        if (writable.startsWith(run) || run.startsWith(writable)) {
          throw new IllegalStateException(FilePolicy.ROOTS + " " + root + " overlaps " + directory + " ("
              + CommandPolicy.DIRECTORIES + " or greenlight.runbooks.directory): a runbook could write the scripts or"
              + " runbooks Greenlight runs. Keep the writable roots apart from them");
        }
      }
    }
  }

  private static Path leadsTo(Path directory) {
    Path real = FilePolicy.whereItLeads(directory);
    return real == null ? directory : real;
  }

  /** The bounds the configuration describes; the same for the server and for {@code greenlight lint}. */
  public static RunbookBounds of(CommandProperties commands, FileProperties files, RunbookProperties runbooks,
      PostgresClientProperties postgres, String searchPath) {
    Path runbooksDirectory = runbooks.directory();
    return new RunbookBounds(
        new CommandPolicy(commands.directories(runbooksDirectory), commands.allowedExecutables(),
            List.of(postgres.clientDirectory().resolve("pg_dump"), postgres.clientDirectory().resolve("pg_restore")),
            runbooksDirectory, searchPath),
        new FilePolicy(files.allowedRoots()), runbooksDirectory);
  }

  public CommandPolicy commands() {
    return commands;
  }

  public FilePolicy files() {
    return files;
  }

  /** Every command and file of the runbook that Greenlight may not run or write, by the runbook's paths. */
  public List<SpecError> check(RunbookSpec spec) {
    List<SpecError> errors = new ArrayList<>();
    ReleaseTarget release = spec.release();
    if (release != null && release.provider() == ReleaseProvider.COMMAND && release.command() != null) {
      ReleaseTarget.Command command = release.command();
      checkCommand(errors, "release.command.deploy", command.deploy());
      checkCommand(errors, "release.command.revert", command.revert());
      checkCommand(errors, "release.command.restart", command.restart());
      checkCommand(errors, "release.command.scale", command.scale());
      checkCommand(errors, "release.command.currentVersion", command.currentVersion());
    }
    DatabaseTarget database = spec.database();
    if (database != null) {
      checkFile(errors, "database.backupDirectory", database.backupDirectory());
      if (database.migrations() != null && database.migrations().tool() == MigrationTool.COMMAND) {
        checkCommand(errors, "database.migrations.command", database.migrations().command());
        checkCommand(errors, "database.migrations.rollbackCommand", database.migrations().rollbackCommand());
      }
    }
    if (spec.flags() != null && spec.flags().provider() == FlagProvider.FILE) {
      checkFile(errors, "flags.file", spec.flags().file());
    }
    TrafficTarget traffic = spec.traffic();
    if (traffic != null && traffic.provider() == TrafficProvider.NGINX && traffic.nginx() != null) {
      checkFile(errors, "traffic.nginx.upstreamFile", traffic.nginx().upstreamFile());
      checkCommand(errors, "traffic.nginx.testCommand", traffic.nginx().testCommand());
      checkCommand(errors, "traffic.nginx.reloadCommand", traffic.nginx().reloadCommand());
    }
    return errors;
  }

  /**
   * @throws RunbookOutOfBoundsException listing every command and file the runbook may not use here
   */
  public void require(RunbookSpec spec, String source) {
    List<SpecError> errors = check(spec);
    if (!errors.isEmpty()) {
      throw new RunbookOutOfBoundsException(source, errors);
    }
  }

  private void checkCommand(List<SpecError> errors, String field, List<String> arguments) {
    commands.refusal(arguments).ifPresent(reason -> errors.add(new SpecError(field, reason)));
  }

  private void checkFile(List<SpecError> errors, String field, String file) {
    files.refusal(file).ifPresent(reason -> errors.add(new SpecError(field, reason)));
  }
}
