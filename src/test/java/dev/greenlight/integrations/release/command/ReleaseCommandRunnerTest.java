package dev.greenlight.integrations.release.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.integrations.release.command.ReleaseCommandRunner.CommandRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real processes: exit codes, output tails, timeouts and the environment a command sees. */
class ReleaseCommandRunnerTest {

  private final ReleaseCommandRunner runner = new ReleaseCommandRunner();

  @Test
  void keepsTheExitCodeAndTheLastLinesOfStdoutAndStderr() {
    CommandRun run = runner.run(List.of("sh", "-c", "for i in $(seq 1 30); do echo line $i; done; echo oops >&2; exit 3"),
        Map.of(), List.of(), Duration.ofSeconds(10));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.timedOut()).isFalse();
    assertThat(run.succeeded()).isFalse();
    assertThat(run.outputTail()).hasSize(ReleaseCommandRunner.TAIL_LINES).endsWith("line 30", "oops");
    assertThat(run.lastLine()).isEqualTo("oops");
  }

  @Test
  void killsACommandAndItsChildrenAtTheTimeout() {
    long started = System.nanoTime();
    CommandRun run = runner.run(List.of("sh", "-c", "echo starting; sleep 30 & sleep 30"), Map.of(), List.of(),
        Duration.ofSeconds(2));

    assertThat(run.timedOut()).isTrue();
    assertThat(run.succeeded()).isFalse();
    assertThat(run.outputTail()).containsExactly("starting");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void passesValuesAsEnvironmentVariablesAndDropsStaleOnes() {
    CommandRun run = runner.run(List.of("sh", "-c", "echo \"v=$GREENLIGHT_VERSION home=${HOME:+set}\""),
        Map.of("GREENLIGHT_VERSION", "2.0.0"), List.of("HOME"), Duration.ofSeconds(10));

    assertThat(run.succeeded()).isTrue();
    assertThat(run.lastLine()).isEqualTo("v=2.0.0 home=");
  }

  @Test
  void aMissingProgramSaysWhichOne() {
    assertThatThrownBy(() -> runner.run(List.of("/nonexistent/deploy.sh"), Map.of(), List.of(), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Could not start [/nonexistent/deploy.sh]");
  }
}
