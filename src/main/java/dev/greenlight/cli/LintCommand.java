package dev.greenlight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.bounds.RunbookBounds;
import dev.greenlight.bounds.ServerConfigurationFile;
import dev.greenlight.gates.GateMessages;
import dev.greenlight.gates.QueryPreflight;
import dev.greenlight.gates.QueryPreflight.PreflightResult;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.integrations.metrics.MetricProviders;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.InvalidRunbookException;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecError;
import dev.greenlight.spec.SpecReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.springframework.core.env.StandardEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code greenlight lint FILE...}: validates runbook specs offline, every error by path; with the server's
 * configuration, also every command and file a runbook names that the server would refuse; with {@code --live}, runs
 * every metric query once against its provider, as the start of a rollout does.
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

  @Option(names = "--live", description = "Also run every metric query once against its provider, as a rollout start"
      + " does. Secrets come from environment variables or -Dgreenlight.secrets.NAME.")
  boolean live;

  @Option(names = "--live-version", paramLabel = "VERSION", description = "With --live: the version live now, for"
      + " {{version}}. Without it, the label matchers on {{version}} are left out (all series are the live version's).")
  String liveVersion;

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
          if (live && !answers(file, runbook, out)) {
            invalid++;
          }
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

  /** Runs the runbook's queries and prints what they answered; false when any did not. */
  private boolean answers(Path file, RunbookSpec runbook, PrintWriter out) {
    PreflightResult result;
    try {
      result = new QueryPreflight(new MetricProviders(new JsonHttp(new ObjectMapper()),
          new Secrets(new StandardEnvironment()))).check(runbook, liveVersion);
    } catch (RuntimeException e) {
      out.println(file + ": metrics: " + e.getMessage());
      return false;
    }
    if (!result.passed()) {
      result.failures().forEach(failure -> out.println(file + ": metrics.queries." + failure));
      return false;
    }
    out.println(file + ": every query answered " + result.askedAbout() + ": " + readings(runbook, result.readings()));
    return true;
  }

  private static String readings(RunbookSpec runbook, Map<String, Measurement> readings) {
    return readings.entrySet().stream()
        .map(reading -> reading.getKey() + " " + GateMessages.amount(reading.getValue().value(),
            runbook.metrics().queries().get(reading.getKey()).unit()))
        .collect(Collectors.joining(", "));
  }
}
