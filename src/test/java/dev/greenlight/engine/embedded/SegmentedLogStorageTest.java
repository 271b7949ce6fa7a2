package dev.greenlight.engine.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camunda.zeebe.logstreams.storage.LogStorage.AppendListener;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.DirectBufferWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The engine's log on disk: what is committed reads back after reopening; a write a crash cut short at the end is
 * dropped with a warning and the log goes on where it stood; damage anywhere else stops the log from opening.
 */
class SegmentedLogStorageTest {

  @TempDir Path directory;
  private final Logger logger = (Logger) LoggerFactory.getLogger(SegmentedLogStorage.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void listen() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(logged);
  }

  @Test
  void committedEntriesReadBackInOrderAfterReopening() {
    List<Long> committed = new ArrayList<>();
    try (SegmentedLogStorage log = SegmentedLogStorage.open(directory, true)) {
      append(log, 1, 3, "first", committed);
      append(log, 4, 4, "second", committed);
      awaitCommitted(log, 4);
    }
    assertThat(committed).as("commit callbacks, by highest position").containsExactly(3L, 4L);

    try (SegmentedLogStorage log = SegmentedLogStorage.open(directory, true)) {
      assertThat(readAll(log)).containsExactly("first", "second");
      assertThat(log.committedPosition()).isEqualTo(4);
      assertThat(logged.list).isEmpty();
    }
  }

  @Test
  void aReaderSeeksToTheEntryHoldingAPosition() {
    try (SegmentedLogStorage log = SegmentedLogStorage.open(directory, false)) {
      append(log, 1, 3, "a", null);
      append(log, 4, 6, "b", null);
      append(log, 7, 7, "c", null);
      LogStorageReader reader = log.newReader();
      reader.seek(5);
      assertThat(text(reader.next())).isEqualTo("b");
      reader.seek(100);
      assertThat(text(reader.next())).as("past the end: the last entry").isEqualTo("c");
      reader.seek(-1);
      assertThat(text(reader.next())).isEqualTo("a");
    }
  }

  @Test
  void anEntryCutInHalfAtTheEndIsDroppedWithAWarningAndTheLogGoesOnFromThere() throws IOException {
    try (SegmentedLogStorage log = SegmentedLogStorage.open(directory, true)) {
      append(log, 1, 2, "kept", null);
      append(log, 3, 5, "cut short by a power loss", null);
      awaitCommitted(log, 5);
    }
    Path segment = onlySegment();
    long size = Files.size(segment);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(size - "cut short by a power loss".length() / 2);
    }

    try (SegmentedLogStorage log = SegmentedLogStorage.open(directory, true)) {
      assertThat(readAll(log)).containsExactly("kept");
      assertThat(log.committedPosition()).isEqualTo(2);
      assertThat(warnings()).singleElement().asString()
          .contains("cut short by a crash or power loss", segment.getFileName().toString(),
              "an entry is shorter than its header says");
      append(log, 3, 3, "after the restart", null);
      awaitCommitted(log, 3);
    }
    try (SegmentedLogStorage log = SegmentedLogStorage.open(directory, true)) {
      assertThat(readAll(log)).containsExactly("kept", "after the restart");
    }
  }

  @Test
  void aGarbledLastEntryIsDroppedByItsChecksum() throws IOException {
    try (SegmentedLogStorage log = SegmentedLogStorage.open(directory, true)) {
      append(log, 1, 1, "kept", null);
      append(log, 2, 2, "garbled", null);
      awaitCommitted(log, 2);
    }
    flipLastByte(onlySegment());

    try (SegmentedLogStorage log = SegmentedLogStorage.open(directory, true)) {
      assertThat(readAll(log)).containsExactly("kept");
      assertThat(warnings()).singleElement().asString().contains("checksum does not match");
    }
  }

  @Test
  void damageInAnEarlierSegmentStopsTheLogFromOpening() throws IOException {
    try (SegmentedLogStorage log = SegmentedLogStorage.open(directory, true, 64)) {
      for (int position = 1; position <= 4; position++) {
        append(log, position, position, "entry " + position, null);
      }
      awaitCommitted(log, 4);
    }
    List<Path> segments = segments();
    assertThat(segments).as("one entry per segment at this segment size").hasSize(4);
    flipLastByte(segments.get(1));

    assertThatThrownBy(() -> SegmentedLogStorage.open(directory, true))
        .isInstanceOf(LogDamagedException.class)
        .hasMessageContaining(segments.get(1).getFileName().toString())
        .hasMessageContaining("checksum does not match")
        .hasMessageContaining("Restore the data directory from a backup");
  }

  @Test
  void aMissingSegmentStopsTheLogFromOpening() throws IOException {
    try (SegmentedLogStorage log = SegmentedLogStorage.open(directory, true, 64)) {
      for (int position = 1; position <= 3; position++) {
        append(log, position, position, "entry " + position, null);
      }
      awaitCommitted(log, 3);
    }
    Files.delete(segments().get(1));

    assertThatThrownBy(() -> SegmentedLogStorage.open(directory, true))
        .isInstanceOf(LogDamagedException.class)
        .hasMessageContaining("a segment is missing");
  }

  @Test
  void compactionDeletesWholeSegmentsBelowAPositionAndKeepsTheOneHoldingIt() {
    try (SegmentedLogStorage log = SegmentedLogStorage.open(directory, false, 64)) {
      for (int position = 1; position <= 5; position++) {
        append(log, position, position, "entry " + position, null);
      }
      assertThat(log.deleteBefore(3)).isEqualTo(2);
      assertThat(log.firstPosition()).isEqualTo(3);
      assertThat(readAll(log)).containsExactly("entry 3", "entry 4", "entry 5");
      assertThat(log.deleteBefore(100)).as("the last segment stays").isEqualTo(2);
      assertThat(readAll(log)).containsExactly("entry 5");
    }
  }

  private static void append(SegmentedLogStorage log, long lowest, long highest, String payload,
      List<Long> committed) {
    byte[] bytes = payload.getBytes(UTF_8);
    log.append(lowest, highest, new DirectBufferWriter().wrap(new UnsafeBuffer(bytes)), new AppendListener() {
      @Override
      public void onCommit(long index, long highestPosition) {
        if (committed != null) {
          committed.add(highestPosition);
        }
      }
    });
  }

  private static void awaitCommitted(SegmentedLogStorage log, long position) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (log.committedPosition() < position) {
      assertThat(System.nanoTime()).as("committed within 5 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static List<String> readAll(SegmentedLogStorage log) {
    List<String> entries = new ArrayList<>();
    LogStorageReader reader = log.newReader();
    reader.seek(-1);
    reader.forEachRemaining(entry -> entries.add(text(entry)));
    return entries;
  }

  private static String text(DirectBuffer buffer) {
    return buffer.getStringWithoutLengthUtf8(0, buffer.capacity());
  }

  private List<String> warnings() {
    return logged.list.stream().filter(event -> event.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  private Path onlySegment() throws IOException {
    List<Path> segments = segments();
    assertThat(segments).hasSize(1);
    return segments.getFirst();
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(path -> path.toString().endsWith(".log")).sorted().toList();
    }
  }

  private static void flipLastByte(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length() - 1);
      int last = raf.read();
      raf.seek(raf.length() - 1);
      raf.write(last ^ 0xFF);
    }
  }
}
