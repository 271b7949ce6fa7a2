package dev.greenlight.bounds;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a runbook may make Greenlight write: only under {@code greenlight.files.allowed-roots}. A path is judged by
 * where it really leads: its deepest existing part is resolved with symlinks followed, so a link inside a root that
 * points out of it does not count as inside; a path with {@code ..} is refused outright. Relative paths are relative to
 * Greenlight's working directory, as when the file is written.
 */
public final class FilePolicy {

  public static final String ROOTS = "greenlight.files.allowed-roots";

  private final List<Path> roots;

  public FilePolicy(List<Path> roots) {
    this.roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
  }

  /** The roots, absolute. */
  public List<Path> roots() {
    return roots;
  }

  /**
   * The file or directory a runbook's {@code field} names, when Greenlight may write there.
   *
   * @param field the runbook field, for the message
   *
   * @throws FileRefusedException naming the setting that would allow it
   */
  public Path allowed(String field, String file) {
    Optional<String> refusal = refusal(file);
    if (refusal.isPresent()) {
      throw new FileRefusedException(field + ": " + refusal.get());
    }
    return Path.of(file);
  }

  /** Why Greenlight may not write at {@code file}, or empty when it may. */
  public Optional<String> refusal(String file) {
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      return Optional.of("'" + file + "' is not a valid path (" + e.getReason() + ")");
    }
    for (Path part : path) {
      if (part.toString().equals("..")) {
        return Optional.of("'" + file + "' contains '..': name the place by a path without it");
      }
    }
    Path real = whereItLeads(path.toAbsolutePath().normalize());
    if (real == null) {
      return Optional.of("'" + file + "' leads through a broken symbolic link: fix or remove the link");
    }
    for (Path root : roots) {
      Path allowed = whereItLeads(root);
      if (allowed != null && real.startsWith(allowed)) {
        return Optional.empty();
      }
    }
    return Optional.of("'" + file + "'" + (real.toString().equals(file) ? "" : " (" + real + ")")
        + " is outside " + ROOTS + " " + roots + ": write it under one of them, or have the operator add a root");
  }

  /**
   * The real path of the deepest existing part, with the rest appended: where writing this path would land; null when
   * that part is a broken symbolic link, which leads nowhere Greenlight can judge.
   */
  static Path whereItLeads(Path absolute) {
    Path existing = absolute;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    Path real = CommandPolicy.realPathOrNull(existing);
    return real == null ? null : real.resolve(existing.relativize(absolute));
  }

  /** A place a runbook named is outside the allowed roots; the message names the setting. */
  public static class FileRefusedException extends IllegalStateException {
    FileRefusedException(String message) {
      super("Greenlight refuses to write " + message);
    }
  }
}
