package dev.greenlight.engine.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One file of the engine's log: a header, then entries appended one after another. An entry is one block the engine
 * appended (one or more of its records): its payload length, a CRC32C over its positions and payload, the lowest and
 * highest record position it holds, and the payload. The name of the file is the lowest position it starts with.
 */
final class LogSegment implements AutoCloseable {

  static final String SUFFIX = ".log";
  static final int HEADER_LENGTH = 8;
  static final int ENTRY_HEADER_LENGTH = 24;
  /** "GLOG": a Greenlight engine log. */
  private static final int MAGIC = 0x474C4F47;
  private static final int VERSION = 1;
  /** The engine never appends a block larger than a few MB; a larger length is a torn or garbled header. */
  private static final int MAX_PAYLOAD_LENGTH = 64 * 1024 * 1024;

  /** Where an entry's payload is, and which record positions it holds. */
  record Entry(LogSegment segment, long offset, int length, long lowestPosition, long highestPosition) {}

  /**
   * What reading a segment from the start found: its sound entries, and where they end.
   *
   * @param torn why the bytes after {@code validLength} are not a sound entry, or null when the file ends there
   */
  record Scan(List<Entry> entries, long validLength, long fileLength, String torn) {}

  private final Path path;
  private final long firstPosition;
  private final FileChannel channel;
  private long length;

  private LogSegment(Path path, long firstPosition, FileChannel channel, long length) {
    this.path = path;
    this.firstPosition = firstPosition;
    this.channel = channel;
    this.length = length;
  }

  static LogSegment create(Path directory, long firstPosition) {
    Path path = directory.resolve(fileName(firstPosition));
    try {
      FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).putInt(MAGIC).putInt(VERSION).flip();
      while (header.hasRemaining()) {
        channel.write(header);
      }
      return new LogSegment(path, firstPosition, channel, HEADER_LENGTH);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the engine log segment " + path, e);
    }
  }

  static LogSegment open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new LogSegment(path, firstPositionOf(path), channel, channel.size());
  }

  static String fileName(long firstPosition) {
    return "%020d%s".formatted(firstPosition, SUFFIX);
  }

  static long firstPositionOf(Path path) {
    String name = path.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
  }

  Path path() {
    return path;
  }

  long firstPosition() {
    return firstPosition;
  }

  long length() {
    return length;
  }

  /** Reads the whole file and stops at the first entry that is cut short, garbled or out of order. */
  Scan scan() throws IOException {
    long fileLength = channel.size();
    List<Entry> entries = new ArrayList<>();
    if (fileLength < HEADER_LENGTH) {
      return new Scan(entries, 0, fileLength, "the file header is incomplete");
    }
    ByteBuffer header = read(0, HEADER_LENGTH);
    if (header.getInt() != MAGIC || header.getInt() != VERSION) {
      return new Scan(entries, 0, fileLength, "the file does not start with a Greenlight log header");
    }
    long offset = HEADER_LENGTH;
    long expectedPosition = firstPosition;
    while (offset < fileLength) {
      if (fileLength - offset < ENTRY_HEADER_LENGTH) {
        return new Scan(entries, offset, fileLength, "an entry header is incomplete");
      }
      ByteBuffer entryHeader = read(offset, ENTRY_HEADER_LENGTH);
      int payloadLength = entryHeader.getInt();
      int checksum = entryHeader.getInt();
      long lowest = entryHeader.getLong();
      long highest = entryHeader.getLong();
      if (payloadLength <= 0 || payloadLength > MAX_PAYLOAD_LENGTH
          || payloadLength > fileLength - offset - ENTRY_HEADER_LENGTH) {
        return new Scan(entries, offset, fileLength, "an entry is shorter than its header says");
      }
      ByteBuffer payload = read(offset + ENTRY_HEADER_LENGTH, payloadLength);
      if (checksum(lowest, highest, payload) != checksum) {
        return new Scan(entries, offset, fileLength, "an entry's checksum does not match its content");
      }
      if (lowest != expectedPosition || highest < lowest) {
        return new Scan(entries, offset, fileLength,
            "an entry holds positions " + lowest + "-" + highest + " where " + expectedPosition + " was next");
      }
      entries.add(new Entry(this, offset + ENTRY_HEADER_LENGTH, payloadLength, lowest, highest));
      expectedPosition = highest + 1;
      offset += ENTRY_HEADER_LENGTH + payloadLength;
    }
    return new Scan(entries, offset, fileLength, null);
  }

  /** Appends one entry (not yet forced to the disk) and tells where its payload is. */
  Entry append(long lowestPosition, long highestPosition, ByteBuffer payload) {
    int payloadLength = payload.remaining();
    ByteBuffer entry = ByteBuffer.allocate(ENTRY_HEADER_LENGTH + payloadLength)
        .putInt(payloadLength)
        .putInt(checksum(lowestPosition, highestPosition, payload.duplicate()))
        .putLong(lowestPosition)
        .putLong(highestPosition)
        .put(payload)
        .flip();
    long offset = length;
    try {
      long at = offset;
      while (entry.hasRemaining()) {
        at += channel.write(entry, at);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to the engine log segment " + path, e);
    }
    length = offset + ENTRY_HEADER_LENGTH + payloadLength;
    return new Entry(this, offset + ENTRY_HEADER_LENGTH, payloadLength, lowestPosition, highestPosition);
  }

  ByteBuffer read(long offset, int count) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(count);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw new IOException("The engine log segment " + path + " ends before byte " + (offset + count));
      }
    }
    return buffer.flip();
  }

  /** Makes everything appended so far survive a power loss. */
  void force() {
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the engine log segment " + path + " to the disk", e);
    }
  }

  void truncate(long newLength) throws IOException {
    channel.truncate(newLength);
    channel.force(true);
    length = newLength;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the engine log segment " + path, e);
    }
  }

  private static int checksum(long lowestPosition, long highestPosition, ByteBuffer payload) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(2 * Long.BYTES).putLong(lowestPosition).putLong(highestPosition).flip());
    crc.update(payload);
    return (int) crc.getValue();
  }
}
