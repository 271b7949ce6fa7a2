package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.Greenlight;
import dev.greenlight.support.Cli;
import dev.greenlight.support.Cli.Run;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenlight rehearse}, as a person runs it: a rehearsal runs in a JVM of its own, as from a terminal, so its
 * exit code is the process's and nothing but the timeline reaches the terminal (the rehearsal's log goes to its file).
 * The healthy canary is the compose stack's (three stages in 75 minutes of rollout time), the breached one seed 003's,
 * the questions the feature-flag seed's. What is refused before anything starts runs in this JVM.
 */
class RehearseCommandTest {

  private static final String CANARY = "deploy/runbooks/catalog-canary.yaml";
  private static final String SEED_CANARY = "runbooks/analyzer-canary.yaml";
  private static final Path DOCS = Path.of("docs/runbook-spec.md");
  private static final Pattern DOCS_OUTPUT = Pattern.compile(
      "```\n\\$ greenlight rehearse " + SEED_CANARY + " --breach ramp --version 1.11.0\n(.*?)```\n", Pattern.DOTALL);
  private static final String FEATURE_FLAG = "runbooks/msia-element-system.yaml";
  private static final Duration REHEARSAL_LIMIT = Duration.ofMinutes(5);

  @TempDir Path directory;

  @Test
  void aHealthyCanaryRunsThroughEveryStageToItsEnd() throws Exception {
    Run run = rehearse(CANARY, "--version", "1.5.0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).contains(
        "Rehearsing " + CANARY + ": catalog, canary strategy, version 1.5.0; questions answered go",
        "+0s        step       Deploy the canary version",
        "+0s        release      deploy 1.5.0 (webhook POST http://demo-service:8081/pipeline/canary;"
            + " the pipeline calls back: succeeded)",
        "+0s        stage      canary: 1 % of traffic for 5m, a gate every 30s (errorRate < 1%, latencyP99 < 300ms)",
        "+0s        traffic      new version 1 % / stable 99 % (http http://demo-service:8081/router/weights)",
        "+5m        stage      ramp: 10 % of traffic for 10m, a gate every 30s (errorRate < 0.5%, latencyP99 < 300ms)",
        "+15m       traffic      all traffic to the new version (http http://demo-service:8081/router/weights)",
        "+1h15m     gate         full: stage passed after 59 measurements over 1h (all pass)",
        "+1h15m     ended      succeeded: Rolled out");
    assertThat(run.out()).contains("+5m        gate         canary: stage passed after ",
        "\n1h15m of rollout rehearsed in ");
  }

  /** Also the output {@code docs/runbook-spec.md} shows; {@code -Dgreenlight.write-docs=true} writes it there. */
  @Test
  void aBreachedStageShowsTheRollbackAndItsCause() throws Exception {
    Run run = rehearse(SEED_CANARY, "--breach", "ramp", "--version", "1.11.0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(
        "+2h00m     stage      ramp: 10 % of traffic for 4h, a gate every 1m (errorRate < 0.5%, latencyP99 < 200ms)"
            + " — rehearsed with readings that break its thresholds\n",
        "+2h01m     gate         ramp: breached — ",
        "+2h01m     event      Stage failed\n",
        "+2h01m     step       Roll back the release\n",
        "+2h01m     traffic        all traffic to stable (http"
            + " http://deployment-controller.internal:3000/api/traffic-weights)\n",
        "+2h01m     release        revert 1.11.0 to previous (command ./scripts/revert-analyzer.sh)\n",
        "+2h01m     slack          #analyzer-rollout: \"Rolled back analyzer 1.11.0: ",
        "+2h01m     pagerduty      trigger P2 \"Automatic rollback of analyzer 1.11.0: ",
        "+2h01m     ended      rolled-back: Rolled back — stage ramp breached: ");
    assertThat(run.out()).doesNotContain("stage      full");

    String docs = Files.readString(DOCS);
    Matcher shown = DOCS_OUTPUT.matcher(docs);
    assertThat(shown.find()).as("docs/runbook-spec.md shows this rehearsal").isTrue();
    if (Boolean.getBoolean("greenlight.write-docs")) {
      Files.writeString(DOCS, docs.substring(0, shown.start(1)) + run.out() + docs.substring(shown.end(1)));
    }
    assertThat(sameRun(shown.group(1))).as("the rehearsal in docs/runbook-spec.md; rerun with"
        + " -Dgreenlight.write-docs=true").isEqualTo(sameRun(run.out()));
  }

  @Test
  void noGoOnTheFirstQuestionEndsTheRolloutNotApproved() throws Exception {
    Run run = rehearse(FEATURE_FLAG, "--answer", "no-go");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(
        "+0s        decision   Confirm the pre-deployment checklist: no-go by rehearsal-decider as msia-oncall",
        "+0s        ended      not-approved: Not approved: checklist — no-go on 'Confirm the pre-deployment"
            + " checklist' by rehearsal-decider");
    assertThat(run.out()).doesNotContain("Deploy the code");
  }

  @Test
  void anInvalidRunbookIsNotRehearsedAndSaysWhatToFix() throws IOException {
    Path broken = directory.resolve("broken.yaml");
    Files.writeString(broken, Files.readString(Path.of(CANARY)).replace("duration: PT5M", "duration: five minutes"));

    Run run = Cli.run("rehearse", broken.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).containsExactly(
        broken + ": stages[0].duration: 'five minutes' is not an ISO-8601 duration longer than zero, such as PT30S,"
            + " PT10M, PT2H or P1D",
        broken + ": not rehearsed; fix the runbook first");
  }

  @Test
  void withTheServersConfigurationARunbookItRefusesIsNotRehearsed() throws IOException {
    Path config = Files.writeString(directory.resolve("application.yaml"), """
        greenlight:
          runbooks:
            directory: runbooks
          files:
            allowed-roots: [/var/backups]
        """);

    Run run = Cli.run("rehearse", FEATURE_FLAG, "--server-config", config.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).contains(
        FEATURE_FLAG + ": flags.file: '/srv/msia-api/features.env' is outside greenlight.files.allowed-roots"
            + " [/var/backups]: write it under one of them, or have the operator add a root",
        FEATURE_FLAG + ": not rehearsed; the server at " + config + " would refuse it");
  }

  @Test
  void aStageToBreachMustBeOneOfTheRunbooks() {
    Run run = Cli.run("rehearse", CANARY, "--breach", "rampp");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("--breach rampp: " + CANARY + " has no such stage; its stages are canary, ramp,"
        + " full\n");
  }

  @Test
  void theAnswerIsGoOrNoGo() {
    Run run = Cli.run("rehearse", CANARY, "--answer", "maybe");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("--answer must be go or no-go, not 'maybe'\n");
  }

  /** {@code greenlight rehearse ARGS} in a new JVM on this test's class path, from the project's directory. */
  private Run rehearse(String... args) throws IOException, InterruptedException {
    // Surefire's class path ends with a separator, which Java reads as the working directory: the project's own
    // processes/ would then be found beside target/classes/processes/ and deployed twice
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty()).collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
        "-cp", classPath, Greenlight.class.getName(), "rehearse"));
    command.addAll(List.of(args));
    Path out = directory.resolve("out.txt");
    Path err = directory.resolve("err.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(REHEARSAL_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("greenlight rehearse " + String.join(" ", args) + " did not end within "
          + REHEARSAL_LIMIT + "; it printed:\n" + Files.readString(out) + Files.readString(err));
    }
    Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    assertThat(run.out()).as("the terminal shows the timeline, no log line").doesNotContain(" INFO ", " WARN ");
    return run;
  }

  /** What differs from run to run: the rollout's id and the wall clock. */
  private static String sameRun(String output) {
    return output.replaceAll("analyzer-\\d{8}-[0-9a-f]{4}", "analyzer-ID")
        .replaceAll("rehearsed in [0-9.]+ s", "rehearsed in … s");
  }
}
