package dev.greenlight.support;

import dev.greenlight.bounds.CommandPolicy;
import dev.greenlight.bounds.FilePolicy;
import dev.greenlight.integrations.process.CommandRunner;
import java.nio.file.Path;
import java.util.List;

/**
 * The server's command and file bounds for tests that build integrations by hand: each test names exactly the programs
 * and places it uses, as an operator would in {@code greenlight.commands.*} and {@code greenlight.files.*}.
 */
public final class TestBounds {

  private TestBounds() {}

  /** Programs under {@code directories}, and the {@code executables} (absolute paths or names on the PATH). */
  public static CommandPolicy commands(List<Path> directories, String... executables) {
    return new CommandPolicy(directories, List.of(executables), List.of(), Path.of("runbooks"),
        System.getenv("PATH"));
  }

  /** A runner for the {@code executables} only. */
  public static CommandRunner runner(String... executables) {
    return new CommandRunner(commands(List.of(), executables));
  }

  /** A runner for programs under {@code directory} and the {@code executables}. */
  public static CommandRunner runner(Path directory, String... executables) {
    return new CommandRunner(commands(List.of(directory), executables));
  }

  public static FilePolicy files(Path... roots) {
    return new FilePolicy(List.of(roots));
  }
}
