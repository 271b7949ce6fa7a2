package dev.greenlight.engine.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.time.Deadline;
import dev.greenlight.time.Stopwatch;
import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.impl.ZeebeObjectMapper;
import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory.SharedRocksDbResources;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.logstreams.log.LogAppendEntry;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.logstreams.log.WriteContext;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.snapshots.PersistedSnapshot;
import io.camunda.zeebe.stream.api.ReadonlyStreamProcessorContext;
import io.camunda.zeebe.stream.api.StreamProcessorLifecycleAware;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zeebe workflow engine in Greenlight's JVM, assembled the way a Zeebe broker assembles one partition: a log
 * ({@link SegmentedLogStorage}), the state in RocksDB ({@code zeebe-db}) with snapshots ({@link StateSnapshots}), the
 * stream processor running Zeebe's engine, and the gRPC gateway of Zeebe Process Test ({@link TestEngineGateway}) on
 * loopback, answering only once the log has committed ({@link CommittedResponses}). Its clock can be moved forward
 * (time travel, for tests and rehearsals).
 *
 * <p>Durable on a data directory: every start rebuilds the state from the latest snapshot and the log after it, as
 * Zeebe recovers, and hands the jobs the previous run had active back out ({@link OrphanedJobs}). Throw-away: the
 * same engine on a temporary directory that is deleted when it stops, without flushes or snapshots.
 *
 * <p>Everything Greenlight knows about the engine's internals is in this package; {@code EmbeddedEngineVersionTest}
 * fails when the engine's version changes.
 */
public final class EmbeddedEngine implements ZeebeTestEngine {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedEngine.class);
  private static final int PARTITION_ID = 1;
  private static final int PARTITION_COUNT = 1;
  /** The state of a few hundred running rollouts is a few MB; RocksDB caches and buffers stay within this. */
  private static final long STATE_MEMORY_LIMIT = 64L * 1024 * 1024;
  private static final Duration IDLE_POLL = Duration.ofMillis(10);
  private static final Duration SNAPSHOT_COMMIT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How to run the engine.
   *
   * @param port loopback port of the gRPC gateway
   * @param dataDirectory where the log and state are kept; null for a throw-away engine
   * @param snapshotPeriod how often a durable engine snapshots its state (and compacts its log)
   */
  public record Settings(int port, Path dataDirectory, Duration snapshotPeriod) {}

  /**
   * A reader of the log that keeps its own checkpoint (Greenlight's read models): the log keeps what it would read
   * after a restart.
   */
  @FunctionalInterface
  public interface LogReaderCheckpoint {
    /** Saves the reader's checkpoint; answers the position of the last record it will not need again. */
    long checkpoint();
  }

  private final Settings settings;
  private final DataDirectory directory;
  private final ControlledActorClock clock = new ControlledActorClock();
  private final ActorScheduler scheduler;
  private final SegmentedLogStorage logStorage;
  private final LogStream logStream;
  private final LogStreamWriter commandWriter;
  private final StateSnapshots snapshots;
  private final long restoredPosition;
  private final SharedRocksDbResources stateMemory;
  private final ZeebeDb<ZbColumnFamilies> state;
  private final StreamProcessor processor;
  private final Server gateway;
  private final CompletableFuture<Void> recovered = new CompletableFuture<>();
  private final List<LogReaderCheckpoint> checkpoints = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService snapshotTimer;
  private RecordSource recordSource;

  private EmbeddedEngine(Settings settings) {
    this.settings = settings;
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      directory = opened(opened, settings.dataDirectory() == null ? DataDirectory.throwAway()
          : DataDirectory.durable(settings.dataDirectory()));
      scheduler = ActorScheduler.newActorScheduler().setActorClock(clock).setSchedulerName("greenlight-engine").build();
      scheduler.start();
      opened.add(scheduler::stop);
      logStorage = opened(opened, SegmentedLogStorage.open(directory.log(), directory.durable()));
      logStream = LogStream.builder()
          .withPartitionId(PARTITION_ID)
          .withLogStorage(logStorage)
          .withClock(clock)
          .withMeterRegistry(new SimpleMeterRegistry())
          .build();
      opened.add(logStream);
      commandWriter = logStream.newLogStreamWriter();
      snapshots = directory.durable() ? opened(opened, StateSnapshots.open(directory.state(), scheduler)) : null;
      restoredPosition = snapshots == null ? -1 : snapshots.restoreInto(directory.runtime());
      checkLogCoversTheState();
      stateMemory = opened(opened, SharedRocksDbResources.allocate(STATE_MEMORY_LIMIT));
      state = opened(opened, new ZeebeRocksDbFactory<ZbColumnFamilies>(
          new RocksDbConfiguration().setMemoryLimit(STATE_MEMORY_LIMIT),
          new ConsistencyChecksSettings(),
          new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, PARTITION_ID),
          SimpleMeterRegistry::new,
          stateMemory,
          PARTITION_COUNT).createDb(directory.runtime().toFile()));
      TestEngineGateway gatewayParts = TestEngineGateway.over(commandWriter, settings.port());
      CommittedResponses responses = new CommittedResponses(gatewayParts.responseWriter(),
          logStorage::writtenPosition, logStorage.committedPosition());
      logStorage.addPositionListener(responses::onCommitted);
      processor = streamProcessor(gatewayParts, responses);
      gateway = NettyServerBuilder
          .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()))
          .addService(gatewayParts.service())
          .build();
      snapshotTimer = directory.durable() ? Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("greenlight-engine-snapshots").daemon().factory()) : null;
    } catch (RuntimeException e) {
      for (AutoCloseable resource : opened.reversed()) {
        try {
          resource.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static <T extends AutoCloseable> T opened(List<AutoCloseable> opened, T resource) {
    opened.add(resource);
    return resource;
  }

  /** Builds the engine and rebuilds its state from its data directory; {@link #start()} opens it. */
  public static EmbeddedEngine create(Settings settings) {
    return new EmbeddedEngine(settings);
  }

  /** A state restored from a snapshot is replayed from its position on; the log must still hold it. */
  private void checkLogCoversTheState() {
    long firstPosition = logStorage.firstPosition();
    if (restoredPosition > 0 && (firstPosition == 0 || firstPosition > restoredPosition
        || logStorage.committedPosition() < restoredPosition)) {
      throw new LogDamagedException(directory.log(), "the state snapshot has processed position " + restoredPosition
          + " but the log holds " + (firstPosition == 0 ? "nothing"
          : "positions " + firstPosition + " to " + logStorage.committedPosition()));
    }
    if (restoredPosition < 0 && firstPosition > 1) {
      throw new LogDamagedException(directory.log(), "the log starts at position " + firstPosition
          + " (older records were compacted into a snapshot) but no valid state snapshot is in " + directory.state());
    }
  }

  private StreamProcessor streamProcessor(TestEngineGateway gatewayParts, CommittedResponses responses) {
    SecurityConfiguration security = new SecurityConfiguration();
    security.getAuthorizations().setEnabled(false);
    return StreamProcessor.builder()
        .logStream(logStream)
        .zeebeDb(state)
        .commandResponseWriter(responses)
        .partitionCommandSender(gatewayParts.commandSender())
        .recordProcessors(List.of(new Engine(context -> EngineProcessors.createEngineProcessors(context,
            PARTITION_COUNT,
            new SubscriptionCommandSender(context.getPartitionId(), gatewayParts.commandSender()),
            gatewayParts.commandSender(),
            FeatureFlags.createDefault(),
            gatewayParts.jobStreamer(),
            SearchClientsProxy.noop(),
            new BrokerRequestAuthorizationConverter(security)),
            new EngineConfiguration(), security)))
        .addLifecycleListener(new OrphanedJobs(state, commandWriter))
        .addLifecycleListener(new StreamProcessorLifecycleAware() {
          @Override
          public void onRecovered(ReadonlyStreamProcessorContext context) {
            recovered.complete(null);
          }
        })
        .actorSchedulingService(scheduler)
        .clock(new ControllableStreamClockImpl(clock))
        .meterRegistry(new SimpleMeterRegistry())
        .build();
  }

  /** Opens the gateway and the stream processor, and returns once the state is rebuilt and processing runs. */
  @Override
  public void start() {
    Stopwatch started = Stopwatch.start();
    try {
      gateway.start();
    } catch (IOException e) {
      throw new UncheckedIOException("The embedded engine cannot listen on 127.0.0.1:" + settings.port()
          + " (greenlight.engine.embedded.port): " + e.getMessage(), e);
    }
    processor.openAsync(false).join();
    while (!recovered.isDone()) {
      if (processor.isFailed()) {
        throw new IllegalStateException("The embedded engine failed to rebuild its state from "
            + directory.log() + "; its log says why");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    if (snapshotTimer != null) {
      long period = settings.snapshotPeriod().toMillis();
      snapshotTimer.scheduleWithFixedDelay(this::snapshotQuietly, period, period, TimeUnit.MILLISECONDS);
    }
    Duration took = started.elapsed();
    if (directory.durable()) {
      log.info("Engine mode: embedded. Zeebe engine on 127.0.0.1:{} (gRPC), durable in {}; resumed in {} ms from {}"
          + " up to log position {}",
          settings.port(), directory.root().toAbsolutePath(), took.toMillis(),
          restoredPosition < 0 ? "the start of the log" : "the state snapshot at position " + restoredPosition,
          logStorage.committedPosition());
    } else {
      log.info("Engine mode: embedded. Zeebe engine on 127.0.0.1:{} (gRPC), throw-away: its log and state are deleted"
          + " when it stops",
          settings.port());
    }
  }

  /** Stops processing; a durable engine first snapshots its state, so the next start replays little. */
  @Override
  public void stop() {
    gateway.shutdownNow();
    try {
      gateway.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (snapshotTimer != null) {
      snapshotTimer.shutdownNow();
      snapshotQuietly();
    }
    if (processor.isOpened()) {
      processor.closeAsync().join();
    }
    closeState();
    logStream.close();
    logStorage.close();
    if (snapshots != null) {
      snapshots.close();
    }
    stateMemory.close();
    scheduler.stop();
    directory.close();
  }

  private void closeState() {
    try {
      state.close();
    } catch (Exception e) {
      throw new IllegalStateException("The embedded engine's state in " + directory.runtime() + " did not close", e);
    }
  }

  Path dataRoot() {
    return directory.root();
  }

  /** Whether the log and state survive this JVM. */
  public boolean durable() {
    return directory.durable();
  }

  /** Registers a reader of the log whose checkpoint bounds what a snapshot may compact. */
  public void addLogReaderCheckpoint(LogReaderCheckpoint checkpoint) {
    checkpoints.add(checkpoint);
  }

  /**
   * Snapshots the state now and deletes the log segments nobody needs any more: neither the state (it replays from
   * the snapshot) nor a reader with a checkpoint. Throw-away engines keep everything.
   *
   * @return the snapshot taken; empty when the state has not moved since the last one or the engine is throw-away
   */
  public synchronized Optional<PersistedSnapshot> snapshot() {
    if (snapshots == null) {
      return Optional.empty();
    }
    long readersNeedFrom = Long.MAX_VALUE;
    for (LogReaderCheckpoint checkpoint : checkpoints) {
      readersNeedFrom = Math.min(readersNeedFrom, checkpoint.checkpoint() + 1);
    }
    long processed = processor.getLastProcessedPositionAsync().join();
    Optional<PersistedSnapshot> taken = processed < 0 ? Optional.empty()
        : snapshots.take(state, processed, logStorage, SNAPSHOT_COMMIT_TIMEOUT);
    long stateNeedsFrom = snapshots.latest().map(latest -> latest.getMetadata().processedPosition()).orElse(0L);
    int deleted = logStorage.deleteBefore(Math.min(stateNeedsFrom, readersNeedFrom));
    taken.ifPresent(snapshot -> log.info("Engine state snapshot at log position {}; {} log segments compacted",
        snapshot.getMetadata().processedPosition(), deleted));
    return taken;
  }

  private void snapshotQuietly() {
    try {
      snapshot();
    } catch (RuntimeException e) {
      log.warn("The engine state snapshot failed; the next one is tried in {}", settings.snapshotPeriod(), e);
    }
  }

  /** Bytes of log and of the latest state snapshot on disk. */
  public StorageSize storageSize() {
    return new StorageSize(logStorage.sizeOnDisk(), snapshots == null ? 0 : snapshots.sizeOnDisk());
  }

  /** @param logBytes the log's segment files @param snapshotBytes the latest state snapshot */
  public record StorageSize(long logBytes, long snapshotBytes) {}

  /**
   * The engine's clock, which time travel moves: what workers record (gate measurements, backups, reports) follows
   * the engine's timers, or a rehearsed 48-hour window would look a few seconds long to them.
   */
  public Clock clock() {
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
        clock.update();
        return clock.getCurrentTime();
      }
    };
  }

  /**
   * Stops the engine's clock where it is: from now on it moves only by {@link #increaseTime}. A rehearsal's timeline
   * then tells rollout time exactly ({@code +2h00m}, not two hours plus the seconds the rehearsal itself took), and
   * nothing in the engine expires while the machine is busy.
   */
  public void stopClock() {
    clock.pinCurrentTime();
  }

  /** The position of the last record committed to the log: one position per record ever written. */
  public long logPosition() {
    return logStorage.committedPosition();
  }

  /** Whether the engine has processed everything committed to its log, now. */
  public boolean idle() {
    return processor.hasProcessingReachedTheEnd().join();
  }

  /**
   * Writes a command with the given key to the log, as the gateway would; no response is awaited.
   *
   * @return the command's log position: the records the engine writes in response name it as their source
   */
  public long writeCommand(long key, ValueType valueType, Intent intent, UnifiedRecordValue value) {
    RecordMetadata metadata = new RecordMetadata()
        .recordType(RecordType.COMMAND)
        .requestStreamId(PARTITION_ID)
        .valueType(valueType)
        .intent(intent);
    var written = commandWriter.tryWrite(WriteContext.userCommand(intent), LogAppendEntry.of(key, metadata, value));
    if (written.isLeft()) {
      throw new IllegalStateException(
          "The embedded engine refused the " + valueType + " " + intent + " command: " + written.getLeft());
    }
    return written.get();
  }

  /** A reader of the records committed to the log, from its first retained record on. */
  public LogRecordReader newRecordReader() {
    return new LogRecordReader(logStream.newLogStreamReader(), PARTITION_ID);
  }

  @Override
  public synchronized RecordStreamSource getRecordStreamSource() {
    if (recordSource == null) {
      recordSource = new RecordSource(newRecordReader());
    }
    return recordSource;
  }

  @Override
  public ZeebeClient createClient() {
    return clientBuilder().build();
  }

  @Override
  public ZeebeClient createClient(ObjectMapper objectMapper) {
    return clientBuilder().withJsonMapper(new ZeebeObjectMapper(objectMapper)).build();
  }

  @SuppressWarnings("deprecation")
  private io.camunda.zeebe.client.ZeebeClientBuilder clientBuilder() {
    return ZeebeClient.newClientBuilder()
        .applyEnvironmentVariableOverrides(false)
        .preferRestOverGrpc(false)
        .gatewayAddress(getGatewayAddress())
        .usePlaintext();
  }

  @Override
  public String getGatewayAddress() {
    return "127.0.0.1:" + settings.port();
  }

  @Override
  public void increaseTime(Duration timeToAdd) {
    clock.addTime(timeToAdd);
  }

  /** Waits until the engine has been idle for two polls in a row (due timers fire between them). */
  @Override
  public void waitForIdleState(Duration timeout) throws InterruptedException, TimeoutException {
    Deadline deadline = Deadline.in(timeout);
    int idlePolls = 0;
    long position = logStorage.committedPosition();
    while (idlePolls < 2) {
      if (deadline.passed()) {
        throw new TimeoutException("The embedded engine did not become idle within " + timeout);
      }
      Thread.sleep(IDLE_POLL.toMillis());
      long now = logStorage.committedPosition();
      idlePolls = idle() && now == position ? idlePolls + 1 : 0;
      position = now;
    }
  }

  /** Waits until the engine commits something new to its log. */
  @Override
  public void waitForBusyState(Duration timeout) throws InterruptedException, TimeoutException {
    Deadline deadline = Deadline.in(timeout);
    long position = logStorage.committedPosition();
    while (logStorage.committedPosition() == position) {
      if (deadline.passed()) {
        throw new TimeoutException("The embedded engine did not become busy within " + timeout);
      }
      Thread.sleep(5);
    }
  }

  /** Every record of the log, read once and kept, as Zeebe Process Test's record source does; for tests. */
  private static final class RecordSource implements RecordStreamSource {
    private final LogRecordReader reader;
    private final List<io.camunda.zeebe.protocol.record.Record<?>> records = new ArrayList<>();

    RecordSource(LogRecordReader reader) {
      this.reader = reader;
    }

    @Override
    public synchronized Iterable<io.camunda.zeebe.protocol.record.Record<?>> getRecords() {
      reader.readNew(records::add);
      return List.copyOf(records);
    }
  }
}
