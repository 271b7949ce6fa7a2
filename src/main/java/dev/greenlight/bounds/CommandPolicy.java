package dev.greenlight.bounds;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which programs a runbook may make Greenlight run. A program is named by an absolute path, by a path relative to the
 * runbooks directory ({@code scripts/deploy.sh}) or by a bare name looked up on Greenlight's PATH ({@code nginx}), and
 * judged by its real path: it runs when it lies under one of {@code greenlight.commands.allowed-directories}, or when
 * the operator listed it in {@code greenlight.commands.allowed-executables} (by path or name: the listed program
 * itself, not whatever else links to the same file). A shell runs only when listed, wherever it
 * lies: it runs whatever its arguments say. Greenlight's own tools (pg_dump and pg_restore in the configured PostgreSQL
 * client directory) are the operator's choice already and always run.
 */
public final class CommandPolicy {

  public static final String DIRECTORIES = "greenlight.commands.allowed-directories";
  public static final String EXECUTABLES = "greenlight.commands.allowed-executables";
  /** Programs that run whatever their arguments say: never allowed by lying in an allowed directory alone. */
  static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "csh", "tcsh", "fish",
      "busybox", "env");

  private final List<Path> directories;
  private final List<String> executables;
  private final List<Path> ownTools;
  private final Path runbooksDirectory;
  private final String searchPath;

  /**
   * @param directories {@value #DIRECTORIES}
   * @param executables {@value #EXECUTABLES}
   * @param ownTools programs Greenlight runs by its own configuration, not a runbook's
   * @param runbooksDirectory what relative program paths are relative to
   * @param searchPath the PATH bare names are looked up on (Greenlight's own, as the JVM starts programs with it)
   */
  public CommandPolicy(List<Path> directories, List<String> executables, List<Path> ownTools, Path runbooksDirectory,
      String searchPath) {
    this.runbooksDirectory = runbooksDirectory.toAbsolutePath().normalize();
    this.directories = directories.stream().map(directory -> directory.toAbsolutePath().normalize()).toList();
    this.executables = List.copyOf(executables);
    this.ownTools = List.copyOf(ownTools);
    this.searchPath = searchPath == null ? "" : searchPath;
  }

  /** The directories programs may run from, absolute. */
  public List<Path> directories() {
    return directories;
  }

  /**
   * The absolute path of the program to run for this argument array, as located (a symlink such as {@code /usr/bin/sh}
   * stays itself, so a program that looks at the name it was called by behaves as written); judged by its real path.
   *
   * @throws CommandRefusedException naming the setting that would allow it
   */
  public Path allowedProgram(List<String> arguments) {
    Resolution resolution = resolve(arguments.getFirst());
    if (resolution.refusal() != null) {
      throw new CommandRefusedException(resolution.refusal());
    }
    return resolution.program();
  }

  /** Why the program may not run, or empty when it may. */
  public Optional<String> refusal(List<String> arguments) {
    if (arguments == null || arguments.isEmpty() || arguments.getFirst() == null || arguments.getFirst().isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(resolve(arguments.getFirst()).refusal());
  }

  private Resolution resolve(String program) {
    Located located = locate(program);
    if (located.problem() != null) {
      return Resolution.refused("'" + program + "' " + located.problem());
    }
    Path real = located.real();
    if (ownTools.stream().map(CommandPolicy::identity).anyMatch(located.identity()::equals)
        || executables.stream().map(this::locate).map(Located::identity).filter(Objects::nonNull)
            .anyMatch(located.identity()::equals)) {
      return Resolution.allowed(located.path());
    }
    String shown = "'" + program + "'" + (real.toString().equals(program) ? "" : " (" + real + ")");
    if (isShell(program) || isShell(real.toString())) {
      return Resolution.refused(shown + " is a shell, which runs whatever its arguments say: Greenlight runs it only"
          + " when the operator lists it in " + EXECUTABLES + "; better, put the commands in a script under "
          + DIRECTORIES);
    }
    for (Path directory : directories) {
      Path allowed = realPathOrNull(directory);
      if (allowed != null && real.startsWith(allowed)) {
        return Resolution.allowed(located.path());
      }
    }
    return Resolution.refused(shown + " is outside " + DIRECTORIES + " " + directories + ": put the program (a"
        + " reviewed script) in one of them, or have the operator list it in " + EXECUTABLES
        + " to allow it with any arguments");
  }

  /** Where the program is, by the rules above, as a real path; or why it cannot be found. */
  private Located locate(String program) {
    Path path;
    if (program.contains("/")) {
      if (List.of(program.split("/")).contains("..")) {
        return Located.problem("contains '..': name the program by a path without it");
      }
      try {
        path = Path.of(program);
      } catch (InvalidPathException e) {
        return Located.problem("is not a valid path (" + e.getReason() + ")");
      }
      path = path.isAbsolute() ? path : runbooksDirectory.resolve(path);
    } else {
      path = onSearchPath(program);
      if (path == null) {
        return Located.problem("was not found on Greenlight's PATH (" + searchPath + ")");
      }
    }
    Path real = realPathOrNull(path);
    if (real == null) {
      return Located.problem("does not exist (looked for " + path + ")");
    }
    if (!Files.isRegularFile(real) || !Files.isExecutable(real)) {
      return Located.problem("(" + real + ") is not an executable file");
    }
    return new Located(path.toAbsolutePath(), real, identity(path), null);
  }

  /**
   * Which listed program a path is: its directory's real path and its own name. The name stays as written, because
   * several programs can be links to one file that behaves by the name it is called by (Debian's pg_wrapper is
   * pg_dump, pg_restore and psql): allowing one must not allow the others.
   */
  private static Path identity(Path program) {
    Path absolute = program.toAbsolutePath().normalize();
    Path directory = absolute.getParent() == null ? null : realPathOrNull(absolute.getParent());
    return directory == null ? absolute : directory.resolve(absolute.getFileName());
  }

  private Path onSearchPath(String name) {
    for (String directory : searchPath.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    return null;
  }

  private static boolean isShell(String program) {
    String name = Path.of(program).getFileName().toString();
    return SHELLS.contains(name);
  }

  static Path realPathOrNull(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * A program found: the path it was found at, the real path it leads to and which program it is ({@link #identity});
   * or why it was not found.
   */
  private record Located(Path path, Path real, Path identity, String problem) {
    static Located problem(String problem) {
      return new Located(null, null, null, problem);
    }
  }

  private record Resolution(Path program, String refusal) {
    static Resolution allowed(Path program) {
      return new Resolution(program, null);
    }

    static Resolution refused(String refusal) {
      return new Resolution(null, refusal);
    }
  }

  /** A program a runbook named may not run here; the message names the setting that would allow it. */
  public static class CommandRefusedException extends IllegalStateException {
    CommandRefusedException(String message) {
      super("Greenlight refuses this command: " + message);
    }
  }
}
