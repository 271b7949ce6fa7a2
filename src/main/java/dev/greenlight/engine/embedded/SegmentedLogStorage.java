package dev.greenlight.engine.embedded;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Stream;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's log on disk: append-only segment files (see {@link LogSegment}), each entry with a checksum.
 *
 * <p>On a durable log an append is written at once but committed only once a flush thread has forced it to the disk;
 * appends that arrive while a flush runs share the next one (group commit). Readers — the engine's stream processor
 * and Greenlight's record feed — see committed entries only, so the engine acts on nothing a power loss could take
 * back, and the engine's answers to commands wait for the same flush ({@link CommittedResponses}). A throw-away log
 * commits every append at once and never forces.
 *
 * <p>Opening reads every segment. An entry cut short or garbled at the end of the last segment is a write a crash
 * interrupted before its flush (never acknowledged): it is dropped with a warning. Anything else that does not read
 * back is damage to acknowledged data, and opening fails.
 */
public final class SegmentedLogStorage implements LogStorage, AutoCloseable {

  static final long DEFAULT_SEGMENT_SIZE = 64L * 1024 * 1024;
  private static final Logger log = LoggerFactory.getLogger(SegmentedLogStorage.class);

  private final Path directory;
  private final boolean durable;
  private final long segmentSize;
  private final List<LogSegment> segments = new CopyOnWriteArrayList<>();
  private final ConcurrentSkipListMap<Long, LogSegment.Entry> entries = new ConcurrentSkipListMap<>();
  private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
  private final Set<PositionListener> positionListeners = new CopyOnWriteArraySet<>();
  private final Queue<PendingCommit> pendingCommits = new ArrayDeque<>();
  private final Thread flusher;
  private volatile long committedPosition;
  private long writtenPosition;
  private long appendedEntries;
  private volatile boolean closed;

  /** Told the highest position readers may see, after each commit. */
  @FunctionalInterface
  interface PositionListener {
    void onCommitted(long committedPosition);
  }

  private record PendingCommit(AppendListener listener, long index, long highestPosition) {}

  private SegmentedLogStorage(Path directory, boolean durable, long segmentSize) {
    this.directory = directory;
    this.durable = durable;
    this.segmentSize = segmentSize;
    this.flusher = durable ? Thread.ofPlatform().name("greenlight-engine-log-flush").daemon()
        .unstarted(this::flushLoop) : null;
  }

  /**
   * Opens the log in {@code directory}, creating it when missing.
   *
   * @param durable whether a commit waits for the disk; false for a throw-away log
   * @throws LogDamagedException when acknowledged entries do not read back
   */
  public static SegmentedLogStorage open(Path directory, boolean durable) {
    return open(directory, durable, DEFAULT_SEGMENT_SIZE);
  }

  static SegmentedLogStorage open(Path directory, boolean durable, long segmentSize) {
    SegmentedLogStorage storage = new SegmentedLogStorage(directory, durable, segmentSize);
    try {
      Files.createDirectories(directory);
      storage.recover();
    } catch (IOException e) {
      storage.close();
      throw new UncheckedIOException("Cannot read the engine log in " + directory, e);
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
    if (durable) {
      storage.flusher.start();
    }
    return storage;
  }

  private void recover() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(path -> path.getFileName().toString().endsWith(LogSegment.SUFFIX)).sorted().toList();
    }
    long expectedPosition = -1;
    for (int i = 0; i < files.size(); i++) {
      boolean last = i == files.size() - 1;
      LogSegment segment = LogSegment.open(files.get(i));
      LogSegment.Scan scan = segment.scan();
      if (expectedPosition >= 0 && segment.firstPosition() != expectedPosition) {
        segment.close();
        throw new LogDamagedException(directory, "segment " + files.get(i).getFileName() + " starts at position "
            + segment.firstPosition() + " where " + expectedPosition + " was next; a segment is missing");
      }
      if (scan.torn() != null) {
        if (!last) {
          segment.close();
          throw new LogDamagedException(directory, "in segment " + files.get(i).getFileName() + " at byte "
              + scan.validLength() + " " + scan.torn() + ", and later segments follow it");
        }
        log.warn("The engine log ends with a write cut short by a crash or power loss: in {} at byte {} {}; "
            + "dropping the last {} bytes (a write never acknowledged)", files.get(i), scan.validLength(),
            scan.torn(), scan.fileLength() - scan.validLength());
        if (scan.validLength() < LogSegment.HEADER_LENGTH) {
          segment.close();
          Files.delete(files.get(i));
          syncDirectory();
          continue;
        }
        segment.truncate(scan.validLength());
      }
      segments.add(segment);
      scan.entries().forEach(entry -> entries.put(entry.lowestPosition(), entry));
      if (!scan.entries().isEmpty()) {
        expectedPosition = scan.entries().getLast().highestPosition() + 1;
      } else if (expectedPosition < 0) {
        expectedPosition = segment.firstPosition();
      }
    }
    writtenPosition = entries.isEmpty() ? 0 : entries.lastEntry().getValue().highestPosition();
    committedPosition = writtenPosition;
  }

  @Override
  public void append(long lowestPosition, long highestPosition, BufferWriter bufferWriter, AppendListener listener) {
    ByteBuffer payload = ByteBuffer.allocate(bufferWriter.getLength());
    bufferWriter.write(new UnsafeBuffer(payload), 0);
    long index;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("The engine log in " + directory + " is closed");
      }
      LogSegment.Entry entry = segmentFor(lowestPosition, payload.remaining())
          .append(lowestPosition, highestPosition, payload);
      entries.put(lowestPosition, entry);
      writtenPosition = highestPosition;
      index = ++appendedEntries;
    }
    listener.onWrite(index, highestPosition);
    if (durable) {
      synchronized (pendingCommits) {
        pendingCommits.add(new PendingCommit(listener, index, highestPosition));
        pendingCommits.notifyAll();
      }
    } else {
      committed(List.of(new PendingCommit(listener, index, highestPosition)));
    }
  }

  /** The current segment, or a new one when this entry would make it larger than a segment may be. */
  private LogSegment segmentFor(long lowestPosition, int payloadLength) {
    LogSegment current = segments.isEmpty() ? null : segments.getLast();
    boolean full = current != null && current.length() > LogSegment.HEADER_LENGTH
        && current.length() + LogSegment.ENTRY_HEADER_LENGTH + payloadLength > segmentSize;
    if (current != null && !full) {
      return current;
    }
    if (current != null && durable) {
      // a later segment's entries must never outlive an earlier one's: only the last segment may end torn
      current.force();
    }
    LogSegment next = LogSegment.create(directory, lowestPosition);
    if (durable) {
      next.force();
      syncDirectory();
    }
    segments.add(next);
    return next;
  }

  private void flushLoop() {
    while (!closed) {
      List<PendingCommit> batch = new ArrayList<>();
      synchronized (pendingCommits) {
        while (pendingCommits.isEmpty() && !closed) {
          try {
            pendingCommits.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        batch.addAll(pendingCommits);
        pendingCommits.clear();
      }
      if (batch.isEmpty()) {
        return;
      }
      try {
        segments.getLast().force();
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        // nothing of this batch is acknowledged; the engine waits, and the log line says why
        log.error("The engine log could not be written to the disk; commands wait until it can", e);
        synchronized (pendingCommits) {
          batch.reversed().forEach(pending -> ((ArrayDeque<PendingCommit>) pendingCommits).addFirst(pending));
        }
        sleepBeforeRetry();
        continue;
      }
      committed(batch);
    }
  }

  private static void sleepBeforeRetry() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void committed(List<PendingCommit> batch) {
    committedPosition = batch.getLast().highestPosition();
    batch.forEach(pending -> pending.listener().onCommit(pending.index(), pending.highestPosition()));
    positionListeners.forEach(listener -> listener.onCommitted(committedPosition));
    commitListeners.forEach(CommitListener::onCommit);
  }

  /** The highest record position readers may see: on a durable log, the last one forced to the disk. */
  public long committedPosition() {
    return committedPosition;
  }

  /** The highest record position appended, committed or not. */
  synchronized long writtenPosition() {
    return writtenPosition;
  }

  /** The lowest record position still in the log, or 0 when it is empty. */
  long firstPosition() {
    Map.Entry<Long, LogSegment.Entry> first = entries.firstEntry();
    return first == null ? 0 : first.getKey();
  }

  /**
   * Deletes the segments that hold only positions below {@code position}; the last segment always stays.
   *
   * @return how many segments were deleted
   */
  synchronized int deleteBefore(long position) {
    int deleted = 0;
    while (segments.size() > 1) {
      LogSegment oldest = segments.getFirst();
      LogSegment successor = segments.get(1);
      if (successor.firstPosition() > position) {
        break;
      }
      segments.removeFirst();
      entries.headMap(successor.firstPosition()).clear();
      oldest.close();
      try {
        Files.delete(oldest.path());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete the compacted engine log segment " + oldest.path(), e);
      }
      deleted++;
    }
    if (deleted > 0 && durable) {
      syncDirectory();
    }
    return deleted;
  }

  /** Bytes of log on disk. */
  long sizeOnDisk() {
    return segments.stream().mapToLong(LogSegment::length).sum();
  }

  void addPositionListener(PositionListener listener) {
    positionListeners.add(listener);
  }

  @Override
  public LogStorageReader newReader() {
    return new Reader();
  }

  @Override
  public void addCommitListener(CommitListener listener) {
    commitListeners.add(listener);
  }

  @Override
  public void removeCommitListener(CommitListener listener) {
    commitListeners.remove(listener);
  }

  /** Stops the flush thread after a last flush and closes the files; appends after this fail. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (flusher != null && flusher.isAlive()) {
      synchronized (pendingCommits) {
        pendingCommits.notifyAll();
      }
      try {
        flusher.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      List<PendingCommit> rest = new ArrayList<>(pendingCommits);
      if (!rest.isEmpty()) {
        segments.getLast().force();
        committed(rest);
      }
    }
    segments.forEach(LogSegment::close);
  }

  private void syncDirectory() {
    try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
      directoryChannel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the engine log directory " + directory + " to the disk", e);
    }
  }

  /** Reads committed entries in order; each {@link #next()} is one appended block. */
  private final class Reader implements LogStorageReader {

    /** The lowest position of the entry {@link #next()} returns; 0 for the first one. */
    private long nextPosition;

    /** Past the committed end, the reader stands on the last committed entry, as if the rest were not there yet. */
    @Override
    public void seek(long position) {
      Map.Entry<Long, LogSegment.Entry> holding = position < 0 ? null
          : entries.floorEntry(Math.min(position, committedPosition));
      nextPosition = holding == null ? 0 : holding.getKey();
    }

    @Override
    public boolean hasNext() {
      LogSegment.Entry entry = nextEntry();
      return entry != null && entry.highestPosition() <= committedPosition;
    }

    @Override
    public DirectBuffer next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      LogSegment.Entry entry = nextEntry();
      try {
        ByteBuffer payload = entry.segment().read(entry.offset(), entry.length());
        nextPosition = entry.highestPosition() + 1;
        return new UnsafeBuffer(payload);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the engine log segment " + entry.segment().path(), e);
      }
    }

    private LogSegment.Entry nextEntry() {
      Map.Entry<Long, LogSegment.Entry> next = entries.ceilingEntry(nextPosition);
      return next == null ? null : next.getValue();
    }

    @Override
    public void close() {}
  }
}
