package dev.greenlight.cli;

import dev.greenlight.bounds.RunbookBounds;
import dev.greenlight.bounds.ServerConfigurationFile;
import dev.greenlight.spec.InvalidRunbookException;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecError;
import dev.greenlight.spec.SpecReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code greenlight lint FILE...}: validates runbook specs offline, every error by path; with the server's
 * configuration, also every command and file a runbook names that the server would refuse.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Validate runbook spec files offline; exit code 1 when any is invalid or, with --server-config,"
        + " names a command or file that server refuses.")
public class LintCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Runbook spec files (YAML).")
  List<Path> files;

  @Option(names = "--server-config", paramLabel = "FILE",
      description = "The server's application.yaml: report the commands and files it refuses (greenlight.commands.*,"
          + " greenlight.files.*, greenlight.runbooks.directory; environment variables override the file as for the"
          + " server). Relative paths are taken from the current directory.")
  Path serverConfig;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RunbookBounds bounds;
    try {
      bounds = serverConfig == null ? null : ServerConfigurationFile.bounds(serverConfig, System.getenv());
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    SpecReader reader = new SpecReader();
    int invalid = 0;
    for (Path file : files) {
      try {
        RunbookSpec runbook = reader.read(file);
        List<SpecError> refusals = bounds == null ? List.of() : bounds.check(runbook);
        if (refusals.isEmpty()) {
          out.println(file + ": ok");
        } else {
          invalid++;
          refusals.forEach(refusal -> out.println(file + ": " + refusal));
        }
      } catch (InvalidRunbookException e) {
        invalid++;
        e.errors().forEach(error -> out.println(file + ": " + error));
      }
    }
    return invalid == 0 ? 0 : 1;
  }
}
