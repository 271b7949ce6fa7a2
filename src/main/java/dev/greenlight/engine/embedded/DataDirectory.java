package dev.greenlight.engine.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the embedded engine keeps its log and state: {@code log/} (the records, see {@link SegmentedLogStorage}),
 * {@code state/snapshots/} (the latest checked snapshot of the state) and {@code runtime/} (the working state,
 * rebuilt from the snapshot and the log at every start, never backed up). A durable directory is locked while an
 * engine uses it; a throw-away one is a fresh temporary directory, deleted when the engine stops.
 */
final class DataDirectory implements AutoCloseable {

  private static final String LOCK_FILE = ".lock";

  private final Path root;
  private final boolean durable;
  private final FileChannel lockChannel;

  private DataDirectory(Path root, boolean durable, FileChannel lockChannel) {
    this.root = root;
    this.durable = durable;
    this.lockChannel = lockChannel;
  }

  static DataDirectory durable(Path root) {
    try {
      Files.createDirectories(root);
      FileChannel lockChannel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      if (!locked(lockChannel)) {
        lockChannel.close();
        throw new IllegalStateException("Another Greenlight process uses the engine's data directory "
            + root.toAbsolutePath() + "; stop it, or give this one its own greenlight.engine.embedded.data-directory");
      }
      return new DataDirectory(root, true, lockChannel);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot use " + root.toAbsolutePath() + " as the engine's data directory"
          + " (greenlight.engine.embedded.data-directory): " + e.getMessage(), e);
    }
  }

  private static boolean locked(FileChannel lockChannel) throws IOException {
    try {
      return lockChannel.tryLock() != null;
    } catch (OverlappingFileLockException heldInThisJvm) {
      return false;
    }
  }

  static DataDirectory throwAway() {
    try {
      return new DataDirectory(Files.createTempDirectory("greenlight-engine-"), false, null);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for the throw-away engine", e);
    }
  }

  boolean durable() {
    return durable;
  }

  Path root() {
    return root;
  }

  Path log() {
    return root.resolve("log");
  }

  Path state() {
    return root.resolve("state");
  }

  Path runtime() {
    return root.resolve("runtime");
  }

  @Override
  public void close() {
    try {
      if (lockChannel != null) {
        lockChannel.close();
      }
      if (!durable) {
        deleteRecursively(root);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the engine's data directory " + root, e);
    }
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
