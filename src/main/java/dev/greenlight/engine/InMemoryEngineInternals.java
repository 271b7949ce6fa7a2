package dev.greenlight.engine;

import io.camunda.zeebe.logstreams.log.LogAppendEntry;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.logstreams.log.WriteContext;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.StreamProcessor;

/**
 * Everything Greenlight does with the in-memory engine beyond its public API, in one place.
 *
 * <p>The engine of Zeebe Process Test binds its gRPC gateway to every interface and offers no way to write the
 * commands its gateway lacks (user-task completion goes over REST in Camunda 8.8). This class rebinds the gateway
 * to loopback, reads its controllable clock, tells whether it is idle and writes commands to the engine's log. It
 * reaches into private fields of {@code InMemoryEngine}; {@code InMemoryEngineInternalsTest} fails loudly when an
 * engine upgrade moves them.
 */
public final class InMemoryEngineInternals {

  private static final int PARTITION_ID = 1;

  private final ZeebeTestEngine engine;
  private final LogStreamWriter writer;

  private InMemoryEngineInternals(ZeebeTestEngine engine) {
    this.engine = engine;
    LogStream logStream = field(engine, "logStream", LogStream.class);
    this.writer = logStream.newLogStreamWriter();
  }

  public static InMemoryEngineInternals of(ZeebeTestEngine engine) {
    return new InMemoryEngineInternals(engine);
  }

  /** Replaces the engine's not-yet-started gRPC server by one that listens on 127.0.0.1 only. */
  public void bindGatewayToLoopback(int port) {
    BindableService gateway = field(engine, "gateway", BindableService.class);
    Server loopbackServer = NettyServerBuilder
        .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
        .addService(gateway)
        .build();
    setField(engine, "grpcServer", loopbackServer);
  }

  /**
   * The engine's own clock, which time travel moves: what workers record (gate measurements, backups, reports) must
   * follow the engine's timers, or a rehearsed 48-hour window would look a few seconds long to them.
   */
  public Clock clock() {
    ControlledActorClock engineClock = field(engine, "clock", ControlledActorClock.class);
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
      }

      @Override
      public Instant instant() {
        // the engine's scheduler refreshes its clock between actor runs; refresh it now to include a fresh time jump
        engineClock.update();
        return engineClock.getCurrentTime();
      }
    };
  }

  /**
   * Stops the engine's clock where it is: from now on it moves only by time travel. A rehearsal's timeline then tells
   * rollout time exactly ({@code +2h00m}, not two hours plus the seconds the rehearsal itself took), and nothing in the
   * engine expires while the machine is busy.
   */
  public void stopClock() {
    field(engine, "clock", ControlledActorClock.class).pinCurrentTime();
  }

  /**
   * Whether the engine has processed everything written to its log, now. {@link ZeebeTestEngine#waitForIdleState}
   * answers the same question by polling every 50 ms and waiting for two idle polls in a row, which costs a time-travel
   * rehearsal (hundreds of timer jumps) most of its wall clock.
   */
  public boolean idle() {
    return field(engine, "streamProcessor", StreamProcessor.class).hasProcessingReachedTheEnd().join();
  }

  /**
   * Writes a command with the given key to the engine's log, as the gateway would; no response is awaited.
   *
   * @return the command's log position: the records the engine writes in response name it as their source
   */
  public long writeCommand(long key, ValueType valueType, Intent intent, UnifiedRecordValue value) {
    RecordMetadata metadata = new RecordMetadata()
        .recordType(RecordType.COMMAND)
        .requestStreamId(PARTITION_ID)
        .valueType(valueType)
        .intent(intent);
    var written = writer.tryWrite(WriteContext.userCommand(intent), LogAppendEntry.of(key, metadata, value));
    if (written.isLeft()) {
      throw new IllegalStateException(
          "The embedded engine refused the " + valueType + " " + intent + " command: " + written.getLeft());
    }
    return written.get();
  }

  private static <T> T field(Object owner, String name, Class<T> type) {
    try {
      Field field = owner.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return type.cast(field.get(owner));
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw incompatible(owner, name, e);
    }
  }

  private static void setField(Object owner, String name, Object value) {
    try {
      Field field = owner.getClass().getDeclaredField(name);
      field.setAccessible(true);
      field.set(owner, value);
    } catch (ReflectiveOperationException e) {
      throw incompatible(owner, name, e);
    }
  }

  private static IllegalStateException incompatible(Object owner, String name, Exception cause) {
    return new IllegalStateException("The embedded Zeebe engine changed: " + owner.getClass().getName()
        + " has no usable field '" + name + "'. Check InMemoryEngineInternals against the zeebe-process-test version.",
        cause);
  }
}
