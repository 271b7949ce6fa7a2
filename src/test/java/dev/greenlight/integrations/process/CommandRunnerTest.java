package dev.greenlight.integrations.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.greenlight.bounds.CommandPolicy;
import dev.greenlight.support.TestBounds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real programs from /usr/bin, run without a shell, each allowed by the runner's command policy. */
class CommandRunnerTest {

  final CommandRunner runner = TestBounds.runner("/usr/bin/seq", "/usr/bin/printf", "/usr/bin/printenv",
      "/usr/bin/pwd", "/bin/sh", "/usr/bin/true", "/usr/bin/sleep", "/usr/bin/ls");

  @Test
  void keepsTheLastLinesOfInterleavedOutputAndTheExitCode() {
    CommandResult result = runner.run(Command.of("/usr/bin/seq", "1", "500").keepingOutputLines(3));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.exitCode()).isZero();
    assertThat(result.outputTail()).containsExactly("498", "499", "500");
  }

  @Test
  void argumentsReachTheProgramUninterpreted() {
    CommandResult result = runner.run(Command.of("/usr/bin/printf", "%s|", "$HOME", "a b", "; rm -rf /", "`id`"));

    assertThat(result.outputTail()).containsExactly("$HOME|a b|; rm -rf /|`id`|");
  }

  @Test
  void passesEnvironmentVariablesAndRunsInTheWorkingDirectory(@TempDir Path directory) throws IOException {
    Path real = directory.toRealPath();

    CommandResult env = runner.run(Command.of("/usr/bin/printenv", "GREENLIGHT_TEST_SECRET")
        .withEnvironment(Map.of("GREENLIGHT_TEST_SECRET", "value-only-the-child-sees")));
    CommandResult pwd = runner.run(Command.of("/usr/bin/pwd").inDirectory(directory));

    assertThat(env.outputTail()).containsExactly("value-only-the-child-sees");
    assertThat(pwd.outputTail()).containsExactly(real.toString());
  }

  @Test
  void unsetsInheritedVariablesBeforeAddingItsOwn() {
    assertThat(System.getenv("HOME")).as("the test needs HOME in its own environment").isNotNull();

    CommandResult result = runner.run(Command.of("/bin/sh", "-c", "echo \"v=$GREENLIGHT_VERSION home=${HOME-unset}\"")
        .unsetting(List.of("HOME"))
        .withEnvironment(Map.of("GREENLIGHT_VERSION", "2.0.0")));

    assertThat(result.outputTail()).containsExactly("v=2.0.0 home=unset");
  }

  @Test
  void theLastLineIsTheLastNonBlankOneStripped() {
    CommandResult result = runner.run(Command.of("/usr/bin/printf", "1.4.0\n  1.4.1 \n\n"));

    assertThat(result.lastLine()).isEqualTo("1.4.1");
    assertThat(runner.run(Command.of("/usr/bin/true")).lastLine()).isEmpty();
  }

  @Test
  void cutsOverlongOutputLines() {
    CommandResult result = runner.run(Command.of("/usr/bin/printf", "%0600d\nshort\n", "7"));

    assertThat(result.outputTail()).hasSize(2);
    assertThat(result.outputTail().getFirst()).hasSize(CommandRunner.MAX_LINE_LENGTH + 1).endsWith("0…");
    assertThat(result.outputTail().getLast()).isEqualTo("short");
  }

  @Test
  void aProgramReadingItsInputGetsItsEndAtOnce() {
    CommandResult result = runner.run(Command.of("/bin/sh", "-c", "read answer; echo \"read: $?\"")
        .withTimeout(Duration.ofSeconds(30)));

    assertThat(result.timedOut()).isFalse();
    assertThat(result.outputTail()).containsExactly("read: 1");
  }

  @Test
  void aCommandWhoseSharedDeadlineHasPassedTimesOut() {
    CommandResult result = runner.run(Command.of("/usr/bin/sleep", "30").withDeadline(Instant.now().minusSeconds(1)));

    assertThat(result.timedOut()).isTrue();
    assertThat(result.duration()).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void reportsAFailureWithStderrAndExitCode() {
    CommandResult result = runner.run(Command.of("/usr/bin/ls", "/no/such/directory"));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.outputTail()).singleElement().asString().contains("/no/such/directory");
    assertThatThrownBy(result::requireSuccess)
        .isInstanceOf(CommandFailedException.class)
        .hasMessageStartingWith("'/usr/bin/ls /no/such/directory' exited with code 2; last output:")
        .hasMessageContaining("No such file or directory");
  }

  @Test
  void killsAProgramAndItsChildrenAtTheTimeout(@TempDir Path directory) throws IOException {
    Path script = directory.resolve("spawns-a-sleeper.sh");
    Files.writeString(script, "#!/bin/sh\necho started\n/usr/bin/sleep 60 &\necho $! > child.pid\nwait\n");
    script.toFile().setExecutable(true);
    long started = System.nanoTime();

    CommandResult result = TestBounds.runner(directory).run(Command.of(script.toString()).inDirectory(directory)
        .withTimeout(Duration.ofMillis(700)));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    assertThat(result.timedOut()).isTrue();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.outputTail()).containsExactly("started");
    long child = Long.parseLong(Files.readString(directory.resolve("child.pid")).strip());
    await().atMost(Duration.ofSeconds(5)).until(() -> !running(child));
    assertThat(result.describe()).contains("was killed after running longer than its timeout");
  }

  /** Alive and not a zombie: a killed orphan stays a zombie until the container's init reaps it. */
  static boolean running(long pid) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String fields = Files.readString(stat);
    return !fields.substring(fields.lastIndexOf(')') + 2).startsWith("Z");
  }

  @Test
  void aProgramThatIsNotInstalledIsNamed() {
    assertThatThrownBy(() -> runner.run(Command.of("/usr/bin/greenlight-no-such-tool", "x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'/usr/bin/greenlight-no-such-tool' does not exist");
  }

  @Test
  void aProgramThatCannotBeStartedIsNamed(@TempDir Path directory) throws IOException {
    Path script = directory.resolve("no-interpreter.sh");
    Files.writeString(script, "#!/no/such/interpreter\necho never\n");
    script.toFile().setExecutable(true);

    assertThatThrownBy(() -> TestBounds.runner(directory).run(Command.of(script.toString())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot start '" + script + "'")
        .hasMessageContaining("installed");
  }

  @Test
  void runsNothingThePolicyRefuses(@TempDir Path directory) {
    Path marker = directory.resolve("ran");

    assertThatThrownBy(() -> runner.run(Command.of("/usr/bin/touch", marker.toString())))
        .isInstanceOf(CommandPolicy.CommandRefusedException.class)
        .hasMessageContaining("greenlight.commands.allowed-executables");
    assertThat(marker).doesNotExist();
  }

  @Test
  void rejectsAnEmptyCommandAndANonPositiveTimeout() {
    assertThatThrownBy(() -> Command.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Command.of("/usr/bin/true").withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout must be positive");
  }

  @Test
  void itsDescriptionNeverShowsTheEnvironment() {
    Command command = Command.of("/usr/bin/true").withEnvironment(Map.of("PGPASSWORD", "hunter2"));

    assertThat(command.toString()).isEqualTo("/usr/bin/true").doesNotContain("hunter2");
    assertThat(runner.run(command).describe()).doesNotContain("hunter2");
  }
}
