package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.support.Cli;
import dev.greenlight.support.Cli.Run;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Help is printed and the command exits; no server starts (it would take seconds and block the terminal). */
class HelpTest {

  @Test
  void helpAndDashDashHelpListTheCommands() {
    for (String[] arguments : new String[][] {{"help"}, {"--help"}, {"-h"}}) {
      Run run = timed(arguments);

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).startsWith("Usage: greenlight").contains("serve", "start", "status", "abort", "retry",
          "incident", "lint", "help");
    }
  }

  @Test
  void everyCommandPrintsItsOwnHelp() {
    for (String command : new String[] {"serve", "start", "list", "status", "abort", "retry", "tasks", "approve",
        "reject", "lint", "demo", "demo-service"}) {
      Run dashDash = timed(command, "--help");
      Run viaHelp = timed("help", command);

      assertThat(dashDash.exitCode()).as(command).isZero();
      assertThat(dashDash.out()).as(command).startsWith("Usage: greenlight " + command);
      assertThat(viaHelp.out()).as(command).isEqualTo(dashDash.out());
    }
  }

  @Test
  void incidentListsWhatItDoesAndAsksForOneOfThem() {
    Run help = timed("incident", "--help");
    Run bare = timed("incident");

    assertThat(help.out()).startsWith("Usage: greenlight incident").contains("open", "list", "show", "ack", "assess",
        "resolve");
    assertThat(timed("incident", "open", "--help").out()).contains("--service", "--severity", "--summary",
        "--runbook", "--rollout");
    assertThat(timed("incident", "assess", "--help").out()).contains("--remediation", "--replicas", "--comment");
    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(bare.err()).contains("Say what to do: greenlight incident open|list|show|ack|assess|resolve");
  }

  @Test
  void retrySaysWhatItDoes() {
    assertThat(timed("retry", "--help").out()).contains("ROLLOUT", "Run a rollout's failed steps again once their"
        + " cause is fixed", "--server");
  }

  /** Runs the command line; help must come back at once, not after a server started. */
  private static Run timed(String... arguments) {
    long started = System.nanoTime();
    Run run = Cli.run(arguments);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("greenlight %s", String.join(" ", arguments))
        .isLessThan(Duration.ofSeconds(5));
    return run;
  }
}
