package dev.greenlight.engine.embedded;

import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.CopiedRecord;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.record.Record;
import java.util.function.Consumer;

/**
 * Reads the records committed to the engine's log in order, each as a {@link Record} of its own (the log's buffers are
 * reused, the records are not). Not thread-safe: one reader per consumer.
 */
public final class LogRecordReader {

  private final LogStreamReader reader;
  private final int partitionId;
  private long lastPosition = -1;

  LogRecordReader(LogStreamReader reader, int partitionId) {
    this.reader = reader;
    this.partitionId = partitionId;
  }

  /**
   * Continues after {@code position} (-1: from the first record the log still holds).
   *
   * @return false when the log no longer holds the record after {@code position}
   */
  public boolean seekAfter(long position) {
    lastPosition = position;
    return position < 0 ? seekToFirst() : reader.seekToNextEvent(position);
  }

  private boolean seekToFirst() {
    reader.seekToFirstEvent();
    return true;
  }

  /**
   * Hands every record committed since the last one read to {@code consumer}, in log order.
   *
   * @return the position of the last record read, or the previous one when there was nothing new
   */
  public long readNew(Consumer<Record<?>> consumer) {
    while (reader.hasNext()) {
      LoggedEvent event = reader.next();
      consumer.accept(toRecord(event));
      lastPosition = event.getPosition();
    }
    return lastPosition;
  }

  /** Hands the records after the last one read up to {@code position} (inclusive) to {@code consumer}. */
  public void readUpTo(long position, Consumer<Record<?>> consumer) {
    while (lastPosition < position && reader.hasNext() && reader.peekNext().getPosition() <= position) {
      LoggedEvent event = reader.next();
      consumer.accept(toRecord(event));
      lastPosition = event.getPosition();
    }
  }

  private Record<?> toRecord(LoggedEvent event) {
    RecordMetadata metadata = new RecordMetadata();
    event.readMetadata(metadata);
    UnifiedRecordValue value = UnifiedRecordValue.fromValueType(metadata.getValueType());
    event.readValue(value);
    return new CopiedRecord<>(value, metadata, event.getKey(), partitionId, event.getPosition(),
        event.getSourceEventPosition(), event.getTimestamp());
  }
}
