package dev.greenlight.cli;

import dev.greenlight.spec.InvalidRunbookException;
import dev.greenlight.spec.SpecReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code greenlight lint FILE...}: validates runbook specs offline, every error by path. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Validate runbook spec files offline; exit code 1 when any is invalid.")
public class LintCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Runbook spec files (YAML).")
  List<Path> files;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SpecReader reader = new SpecReader();
    int invalid = 0;
    for (Path file : files) {
      try {
        reader.read(file);
        out.println(file + ": ok");
      } catch (InvalidRunbookException e) {
        invalid++;
        e.errors().forEach(error -> out.println(file + ": " + error));
      }
    }
    return invalid == 0 ? 0 : 1;
  }
}
