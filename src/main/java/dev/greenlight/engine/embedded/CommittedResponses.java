package dev.greenlight.engine.embedded;

import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RejectionType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.stream.api.CommandResponseWriter;
import io.camunda.zeebe.util.buffer.BufferWriter;
import io.camunda.zeebe.util.buffer.DirectBufferWriter;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.LongSupplier;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the engine's answer to a command until the log has committed everything the engine wrote before it: a client
 * told "done" never finds its command undone after a power loss. The engine appends a command's follow-up records
 * before it answers, so an answer waits for the log's written position at the time it is given. Answers leave in
 * the order they were given.
 */
final class CommittedResponses implements CommandResponseWriter {

  /**
   * The gateway's writer keeps the last key and intent in static fields, shared by every engine in the JVM (tests
   * run several), so answers of all engines are written one at a time.
   */
  private static final Object GATEWAY_WRITER_LOCK = new Object();
  private static final Logger log = LoggerFactory.getLogger(CommittedResponses.class);

  private final CommandResponseWriter gatewayWriter;
  private final LongSupplier writtenPosition;
  private final Queue<HeldResponse> held = new ArrayDeque<>();
  private long committedPosition;
  /** The answer the engine is writing now; handed over whole once it is written, the next one starts empty. */
  private Response next = new Response();

  CommittedResponses(CommandResponseWriter gatewayWriter, LongSupplier writtenPosition, long committedPosition) {
    this.gatewayWriter = gatewayWriter;
    this.writtenPosition = writtenPosition;
    this.committedPosition = committedPosition;
  }

  /** Sends the answers whose records are now committed. */
  void onCommitted(long position) {
    synchronized (held) {
      committedPosition = position;
      while (!held.isEmpty() && held.peek().waitsFor() <= committedPosition) {
        held.poll().send(gatewayWriter);
      }
    }
  }

  @Override
  public CommandResponseWriter partitionId(int partitionId) {
    next.partitionId = partitionId;
    return this;
  }

  @Override
  public CommandResponseWriter key(long key) {
    next.key = key;
    return this;
  }

  @Override
  public CommandResponseWriter intent(Intent intent) {
    next.intent = intent;
    return this;
  }

  @Override
  public CommandResponseWriter recordType(RecordType type) {
    next.recordType = type;
    return this;
  }

  @Override
  public CommandResponseWriter valueType(ValueType valueType) {
    next.valueType = valueType;
    return this;
  }

  @Override
  public CommandResponseWriter rejectionType(RejectionType rejectionType) {
    next.rejectionType = rejectionType;
    return this;
  }

  @Override
  public CommandResponseWriter rejectionReason(DirectBuffer rejectionReason) {
    next.rejectionReason = copy(rejectionReason, 0, rejectionReason.capacity());
    return this;
  }

  @Override
  public CommandResponseWriter valueWriter(BufferWriter value) {
    UnsafeBuffer bytes = new UnsafeBuffer(new byte[value.getLength()]);
    value.write(bytes, 0);
    next.value = bytes;
    return this;
  }

  @Override
  public void tryWriteResponse(int requestStreamId, long requestId) {
    HeldResponse response = new HeldResponse(next, requestStreamId, requestId, writtenPosition.getAsLong());
    next = new Response();
    synchronized (held) {
      if (held.isEmpty() && response.waitsFor() <= committedPosition) {
        response.send(gatewayWriter);
      } else {
        held.add(response);
      }
    }
  }

  private static DirectBuffer copy(DirectBuffer buffer, int offset, int length) {
    byte[] bytes = new byte[length];
    buffer.getBytes(offset, bytes);
    return new UnsafeBuffer(bytes);
  }

  /** What the engine said about a command; its buffers are copies, since the engine reuses its own for the next command. */
  private static final class Response {
    int partitionId;
    long key;
    Intent intent;
    RecordType recordType;
    ValueType valueType;
    RejectionType rejectionType;
    DirectBuffer rejectionReason = new UnsafeBuffer(new byte[0]);
    DirectBuffer value = new UnsafeBuffer(new byte[0]);
  }

  private record HeldResponse(Response response, int requestStreamId, long requestId, long waitsFor) {
    void send(CommandResponseWriter writer) {
      synchronized (GATEWAY_WRITER_LOCK) {
        try {
          writer.partitionId(response.partitionId)
              .key(response.key)
              .intent(response.intent)
              .recordType(response.recordType)
              .valueType(response.valueType)
              .rejectionType(response.rejectionType)
              .rejectionReason(response.rejectionReason)
              .valueWriter(new DirectBufferWriter().wrap(response.value))
              .tryWriteResponse(requestStreamId, requestId);
        } catch (RuntimeException e) {
          // the client may have gone (its call cancelled); the command itself is committed either way
          log.warn("Could not answer request {} of the embedded engine's gateway", requestId, e);
        }
      }
    }
  }
}
