package dev.greenlight.cli;

import dev.greenlight.bounds.ServerConfigurationFile;
import dev.greenlight.inbox.DecisionOutcome;
import dev.greenlight.rehearsal.HumanTime;
import dev.greenlight.rehearsal.Rehearsal;
import dev.greenlight.rehearsal.RehearsalOptions;
import dev.greenlight.rehearsal.Rehearsals;
import dev.greenlight.spec.InvalidRunbookException;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecError;
import dev.greenlight.spec.SpecReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code greenlight rehearse FILE}: lints a runbook, then runs it to its end on a throw-away embedded engine in this
 * JVM, with time travel and a recording stand-in for every outside system, and prints the timeline.
 */
@Command(name = "rehearse", mixinStandardHelpOptions = true,
    description = {"Lint a runbook, then run it to its end in seconds on a throw-away engine in this process: every "
        + "wait passes at once, every outside system is a recording stand-in (nothing real is called, no secret is "
        + "needed), and every question is answered by a decider who did not start the rollout. Prints the timeline a "
        + "person would see and the end state.",
        "Exit code 0 when the rollout reached an end state (rolled back and not approved are ends too); 1 when the "
            + "runbook is invalid or out of the server's bounds, or the rollout stopped before an end (an incident); 2 "
            + "when the --server-config file cannot be read."})
public class RehearseCommand implements Callable<Integer> {

  /** Where the rehearsal's own log goes; the terminal shows only the timeline. */
  static final Path LOG = Path.of(System.getProperty("java.io.tmpdir"), "greenlight-rehearsal.log");

  @Parameters(paramLabel = "FILE", description = "The runbook spec file (YAML).")
  Path file;

  @Option(names = "--breach", paramLabel = "STAGE",
      description = "Readings of this stage break its thresholds, so the rollback (or the investigation) shows.")
  String breach;

  @Option(names = "--answer", paramLabel = "go|no-go", defaultValue = "go",
      description = "How every go/no-go question and sign-off is answered (default: ${DEFAULT-VALUE}).")
  String answer;

  @Option(names = "--version", paramLabel = "VERSION", defaultValue = "rehearsal",
      description = "The version the rollout deploys (default: ${DEFAULT-VALUE}).")
  String version;

  @Option(names = "--server-config", paramLabel = "FILE",
      description = "The server's application.yaml: first hold the runbook's commands and files to that server's"
          + " bounds, as lint --server-config does (a rehearsal runs none of them).")
  Path serverConfig;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DecisionOutcome outcome = DecisionOutcome.fromWord(answer).orElse(null);
    if (outcome == null) {
      err.println("--answer must be go or no-go, not '" + answer + "'");
      return 1;
    }
    String yaml;
    RunbookSpec runbook;
    try {
      yaml = Files.readString(file);
      runbook = new SpecReader().readYaml(yaml, file.toString());
    } catch (IOException e) {
      err.println(file + ": cannot read the file: " + e);
      return 1;
    } catch (InvalidRunbookException e) {
      e.errors().forEach(error -> err.println(file + ": " + error));
      err.println(file + ": not rehearsed; fix the runbook first");
      return 1;
    }
    if (serverConfig != null) {
      List<SpecError> refusals;
      try {
        refusals = ServerConfigurationFile.bounds(serverConfig, System.getenv()).check(runbook);
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        return 2;
      }
      if (!refusals.isEmpty()) {
        refusals.forEach(refusal -> err.println(file + ": " + refusal));
        err.println(file + ": not rehearsed; the server at " + serverConfig + " would refuse it");
        return 1;
      }
    }
    if (breach != null && runbook.stages().stream().noneMatch(stage -> stage.name().equals(breach))) {
      err.println("--breach " + breach + ": " + file + " has no such stage; its stages are "
          + String.join(", ", runbook.stages().stream().map(stage -> stage.name()).toList()));
      return 1;
    }
    out.printf("Rehearsing %s: %s, %s strategy, version %s%s; questions answered %s%n", file, runbook.service(),
        runbook.strategy().specName(), version, breach == null ? "" : ", stage " + breach + " breached",
        outcome.word());
    out.flush();
    Rehearsal rehearsal;
    try (Rehearsals rehearsals = Rehearsals.start(Map.of(
        "logging.threshold.console", "OFF", "logging.file.name", LOG.toString()))) {
      rehearsal = rehearsals.rehearse(yaml, file.toString(), new RehearsalOptions(version, breach, outcome));
    } catch (RuntimeException e) {
      err.println("The rehearsal failed: " + e.getMessage() + " (details in " + LOG + ")");
      return 1;
    }
    out.println();
    rehearsal.lines().forEach(out::println);
    out.println();
    out.printf(Locale.ROOT, "%s of rollout rehearsed in %.1f s%n", HumanTime.span(rehearsal.rolloutTime()),
        rehearsal.wallClock().toMillis() / 1000.0);
    if (!rehearsal.ended()) {
      err.println("The rollout stopped before an end: " + rehearsal.stuck());
      return 1;
    }
    return 0;
  }
}
