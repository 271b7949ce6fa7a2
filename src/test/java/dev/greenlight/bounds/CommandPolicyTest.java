package dev.greenlight.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which programs a runbook may name, on real files: scripts, symlinks, shells and the PATH. */
class CommandPolicyTest {

  @TempDir Path runbooks;
  Path scripts;
  Path deploy;

  @BeforeEach
  void scriptsDirectory() throws IOException {
    scripts = Files.createDirectories(runbooks.resolve("scripts"));
    deploy = executable(scripts.resolve("deploy.sh"));
  }

  CommandPolicy policy(String... executables) {
    return new CommandPolicy(List.of(scripts), List.of(executables), List.of(), runbooks,
        "/usr/local/bin:/usr/bin:/bin");
  }

  @Test
  void aScriptUnderAnAllowedDirectoryRunsNamedAbsolutelyOrRelativeToTheRunbooksDirectory() {
    CommandPolicy policy = policy();

    assertThat(policy.refusal(List.of(deploy.toString(), "--now"))).isEmpty();
    assertThat(policy.refusal(List.of("scripts/deploy.sh"))).isEmpty();
    assertThat(policy.refusal(List.of("./scripts/deploy.sh"))).isEmpty();
    assertThat(policy.allowedProgram(List.of("scripts/deploy.sh"))).isEqualTo(deploy.toAbsolutePath());
  }

  @Test
  void aProgramOutsideTheDirectoriesRunsOnlyWhenTheOperatorListsIt() {
    assertThat(policy().refusal(List.of("/usr/bin/touch", "x"))).hasValueSatisfying(reason -> assertThat(reason)
        .isEqualTo("'/usr/bin/touch' is outside greenlight.commands.allowed-directories [" + scripts + "]: put the"
            + " program (a reviewed script) in one of them, or have the operator list it in"
            + " greenlight.commands.allowed-executables to allow it with any arguments"));
    assertThat(policy("touch").refusal(List.of("/usr/bin/touch", "x"))).isEmpty();
    assertThat(policy("/usr/bin/touch").refusal(List.of("touch", "x"))).isEmpty();
    assertThat(policy("/usr/bin/touch").allowedProgram(List.of("touch"))).isEqualTo(Path.of("/usr/bin/touch"));
  }

  @Test
  void aShellRunsOnlyWhenListedEvenFromAnAllowedDirectory() throws IOException {
    Path copiedShell = scripts.resolve("bash");
    Files.copy(Path.of("/bin/bash"), copiedShell);
    Path sh = Path.of("/bin/sh").toRealPath();

    assertThat(policy().refusal(List.of("sh", "-c", "id > proof.txt"))).hasValueSatisfying(reason ->
        assertThat(reason).startsWith("'sh' (" + sh + ") is a shell, which runs"
            + " whatever its arguments say: Greenlight runs it only when the operator lists it in"
            + " greenlight.commands.allowed-executables"));
    assertThat(policy().refusal(List.of(copiedShell.toString(), "-c", "id"))).hasValueSatisfying(reason ->
        assertThat(reason).contains("is a shell"));
    assertThat(policy().refusal(List.of("/usr/bin/env", "sh"))).hasValueSatisfying(reason ->
        assertThat(reason).contains("is a shell"));
    assertThat(policy("sh").refusal(List.of("/bin/sh", "-c", "true"))).isEmpty();
    assertThat(policy("sh").allowedProgram(List.of("sh"))).as("run as named, so sh keeps its own behaviour")
        .isEqualTo(Path.of("/usr/bin/sh"));
  }

  @Test
  void noDotDotAndNoSymlinkLeadsOutOfADirectory() throws IOException {
    Path link = scripts.resolve("innocent.sh");
    Files.createSymbolicLink(link, Path.of("/usr/bin/id"));
    Path linkedDirectory = scripts.resolve("tools");
    Files.createSymbolicLink(linkedDirectory, Path.of("/usr/bin"));

    assertThat(policy().refusal(List.of("scripts/../../../usr/bin/id"))).hasValue(
        "'scripts/../../../usr/bin/id' contains '..': name the program by a path without it");
    assertThat(policy().refusal(List.of("scripts/innocent.sh"))).hasValueSatisfying(reason -> assertThat(reason)
        .startsWith("'scripts/innocent.sh' (/usr/bin/id) is outside greenlight.commands.allowed-directories"));
    assertThat(policy().refusal(List.of("scripts/tools/id"))).hasValueSatisfying(reason -> assertThat(reason)
        .startsWith("'scripts/tools/id' (/usr/bin/id) is outside"));
  }

  @Test
  void aLinkInsideTheDirectoryToAnotherScriptThereRuns() throws IOException {
    Files.createSymbolicLink(scripts.resolve("release.sh"), deploy);

    assertThat(policy().refusal(List.of("scripts/release.sh"))).isEmpty();
  }

  @Test
  void whatCannotBeFoundOrRunIsNamed() throws IOException {
    Path notExecutable = Files.writeString(scripts.resolve("notes.txt"), "not a program");

    assertThat(policy().refusal(List.of("scripts/missing.sh"))).hasValue(
        "'scripts/missing.sh' does not exist (looked for " + runbooks.resolve("scripts/missing.sh") + ")");
    assertThat(policy().refusal(List.of("greenlight-no-such-tool"))).hasValue(
        "'greenlight-no-such-tool' was not found on Greenlight's PATH (/usr/local/bin:/usr/bin:/bin)");
    assertThat(policy().refusal(List.of(notExecutable.toString()))).hasValue(
        "'" + notExecutable + "' (" + notExecutable.toRealPath() + ") is not an executable file");
    assertThat(policy().refusal(List.of(scripts.toString()))).hasValueSatisfying(reason ->
        assertThat(reason).endsWith("is not an executable file"));
    assertThat(policy().refusal(null)).isEqualTo(Optional.empty());
  }

  @Test
  void greenlightsOwnToolsAlwaysRun() {
    CommandPolicy policy = new CommandPolicy(List.of(scripts), List.of(), List.of(Path.of("/usr/bin/pg_dump")),
        runbooks, "/usr/bin");

    assertThat(policy.refusal(List.of("/usr/bin/pg_dump", "--version"))).isEmpty();
    assertThatThrownBy(() -> policy.allowedProgram(List.of("/usr/bin/psql", "-c", "\\! id")))
        .as("Debian links psql to the same wrapper as pg_dump; it is still not pg_dump")
        .isInstanceOf(CommandPolicy.CommandRefusedException.class)
        .hasMessageStartingWith("Greenlight refuses this command: '/usr/bin/psql' (")
        .hasMessageContaining(") is outside greenlight.commands.allowed-directories");
  }

  private static Path executable(Path file) throws IOException {
    Files.writeString(file, "#!/bin/sh\necho deployed\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
