package dev.greenlight.engine;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.Record;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Feeds the embedded engine's records, each once and in log order, to the read models that stand in for Operate and
 * Tasklist on the embedded engine (open user tasks, rollout status). Reading is incremental: a catch-up only looks at
 * the records written since the previous one, so its cost does not grow with the age of the engine.
 */
public class EmbeddedRecordFeed {

  private static final int READ_ATTEMPTS = 5;
  private static final long RETRY_PAUSE_NANOS = 1_000_000;

  private final ZeebeTestEngine engine;
  private final List<Consumer<Record<?>>> subscribers = new CopyOnWriteArrayList<>();
  private int delivered;

  public EmbeddedRecordFeed(ZeebeTestEngine engine) {
    this.engine = engine;
  }

  /** Registers a read model; it first receives every record written so far, then new ones on each catch-up. */
  public synchronized void subscribe(Consumer<Record<?>> subscriber) {
    List<Record<?>> records = records();
    for (int i = 0; i < delivered; i++) {
      subscriber.accept(records.get(i));
    }
    subscribers.add(subscriber);
  }

  /** Delivers the records written since the last catch-up. Call before answering a query from a read model. */
  public synchronized void catchUp() {
    List<Record<?>> records = records();
    for (int i = delivered; i < records.size(); i++) {
      Record<?> record = records.get(i);
      subscribers.forEach(subscriber -> subscriber.accept(record));
    }
    delivered = records.size();
  }

  /**
   * The engine's record source keeps every record it has read in a list and hands out a read-only view of it. Its
   * in-memory log is appended by the engine's thread without a memory barrier for readers, so a read racing an append
   * can find a log entry not yet visible (a NullPointerException inside the engine's log reader). The source seeks
   * from the last record it kept on every read, so reading again a moment later loses and repeats nothing.
   */
  private List<Record<?>> records() {
    for (int attempt = 1; ; attempt++) {
      try {
        return recordList();
      } catch (NullPointerException raceWithAnAppend) {
        if (attempt == READ_ATTEMPTS) {
          throw raceWithAnAppend;
        }
        LockSupport.parkNanos(RETRY_PAUSE_NANOS);
      }
    }
  }

  private List<Record<?>> recordList() {
    Iterable<Record<?>> records = engine.getRecordStreamSource().getRecords();
    if (records instanceof List<Record<?>> list) {
      return list;
    }
    throw new IllegalStateException("The embedded Zeebe engine changed: its record source no longer returns a list;"
        + " check EmbeddedRecordFeed against the zeebe-process-test version");
  }
}
