package dev.greenlight.engine.embedded;

import dev.greenlight.time.Deadline;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.ChecksumProviderRocksDBImpl;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.snapshots.PersistedSnapshot;
import io.camunda.zeebe.snapshots.TransientSnapshot;
import io.camunda.zeebe.snapshots.impl.FileBasedSnapshotStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Snapshots of the engine's state, as Zeebe takes them: a RocksDB checkpoint of the working state, kept by Zeebe's
 * snapshot store (written to a temporary directory, checksummed, then moved into place; at start-up a snapshot whose
 * checksums do not match is ignored). A snapshot names the last log position whose processing it contains; the
 * engine recovers by copying the snapshot into a fresh working directory and replaying the log after that position,
 * so start-up time follows the log written since the last snapshot, not the whole history.
 */
final class StateSnapshots implements AutoCloseable {

  /** Zeebe's snapshot ids carry a Raft term; the embedded engine has no Raft, so one term. */
  private static final long TERM = 1;
  private static final int NODE_ID = 0;
  private static final int PARTITION_ID = 1;

  private final FileBasedSnapshotStore store;

  private StateSnapshots(FileBasedSnapshotStore store) {
    this.store = store;
  }

  static StateSnapshots open(Path directory, ActorScheduler scheduler) {
    FileBasedSnapshotStore store = new FileBasedSnapshotStore(NODE_ID, PARTITION_ID, directory,
        new ChecksumProviderRocksDBImpl(), new SimpleMeterRegistry());
    scheduler.submitActor(store).join();
    return new StateSnapshots(store);
  }

  Optional<PersistedSnapshot> latest() {
    return store.getLatestSnapshot();
  }

  /**
   * Replaces {@code runtime} with a copy of the latest snapshot (an empty state when there is none). RocksDB never
   * changes a table file once written, so those are linked; its other files are copied.
   *
   * @return the position the restored state has processed, or -1 for an empty state
   */
  long restoreInto(Path runtime) {
    try {
      DataDirectory.deleteRecursively(runtime);
      Optional<PersistedSnapshot> latest = latest();
      if (latest.isEmpty()) {
        return -1;
      }
      Files.createDirectories(runtime);
      try (Stream<Path> files = Files.list(latest.get().getPath())) {
        for (Path file : files.toList()) {
          Path copy = runtime.resolve(file.getFileName());
          if (file.getFileName().toString().endsWith(".sst")) {
            Files.createLink(copy, file);
          } else {
            Files.copy(file, copy);
          }
        }
      }
      return latest.get().getMetadata().processedPosition();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot restore the engine's state snapshot into " + runtime, e);
    }
  }

  /**
   * Takes a snapshot of the working state and keeps it once the log holds everything the state reflects.
   *
   * @param processedPosition a position the state has processed (it may have processed more by the time of the
   *     checkpoint; replay starts from the position the checkpoint itself records)
   * @param log the engine's log: the snapshot is kept only once every record written before the checkpoint is
   *     committed, else a crash could leave a state that knows records the log lost
   * @return the kept snapshot; empty when the state has not moved since the last one
   */
  Optional<PersistedSnapshot> take(ZeebeDb<ZbColumnFamilies> state, long processedPosition, SegmentedLogStorage log,
      Duration commitTimeout) {
    if (latest().map(snapshot -> snapshot.getMetadata().processedPosition() >= processedPosition).orElse(false)) {
      return Optional.empty();
    }
    TransientSnapshot snapshot = store.newTransientSnapshot(processedPosition, TERM, processedPosition,
        processedPosition, false).get();
    snapshot.take(path -> state.createSnapshot(path.toFile())).join();
    long written = log.writtenPosition();
    Deadline deadline = Deadline.in(commitTimeout);
    while (log.committedPosition() < written) {
      if (deadline.passed()) {
        snapshot.abort().join();
        throw new IllegalStateException("The engine log did not commit position " + written + " within "
            + commitTimeout.toSeconds() + " s; the state snapshot was dropped");
      }
      sleepBriefly();
    }
    return Optional.of(snapshot.persist().join());
  }

  /** Bytes of the latest snapshot on disk. */
  long sizeOnDisk() {
    return latest().map(snapshot -> {
      try (Stream<Path> files = Files.list(snapshot.getPath())) {
        return files.mapToLong(StateSnapshots::size).sum();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).orElse(0L);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the engine log to commit", e);
    }
  }

  @Override
  public void close() {
    store.closeAsync().join();
  }
}
