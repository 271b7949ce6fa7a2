package dev.greenlight.engine;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.Record;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one way to read the embedded engine's records. The engine's record source keeps every record it has read in a
 * list and hands out a read-only view of it; it is not safe for two readers at once, so reads take turns on it. Its
 * in-memory log is appended by the engine's thread without a memory barrier for readers, so a read racing an append
 * can find a log entry not yet visible (a NullPointerException inside the engine's log reader). The source seeks from
 * the last record it kept on every read, so reading again a moment later loses and repeats nothing.
 */
public final class EngineRecordLog {

  private static final int READ_ATTEMPTS = 5;
  private static final long RETRY_PAUSE_NANOS = 1_000_000;

  private EngineRecordLog() {}

  /**
   * Every record written so far, in log order: a view that later reads extend, for a reader that goes by index (a
   * later read by another thread may grow it meanwhile).
   */
  public static List<Record<?>> read(ZeebeTestEngine engine) {
    return readWithRetries(engine, false);
  }

  /** Every record written so far, in log order: a copy of its own, safe to iterate whatever other readers do. */
  public static List<Record<?>> snapshot(ZeebeTestEngine engine) {
    return readWithRetries(engine, true);
  }

  private static List<Record<?>> readWithRetries(ZeebeTestEngine engine, boolean copy) {
    for (int attempt = 1; ; attempt++) {
      try {
        return recordList(engine, copy);
      } catch (NullPointerException raceWithAnAppend) {
        if (attempt == READ_ATTEMPTS) {
          throw raceWithAnAppend;
        }
        LockSupport.parkNanos(RETRY_PAUSE_NANOS);
      }
    }
  }

  private static List<Record<?>> recordList(ZeebeTestEngine engine, boolean copy) {
    var source = engine.getRecordStreamSource();
    synchronized (source) {
      if (source.getRecords() instanceof List<Record<?>> list) {
        return copy ? List.copyOf(list) : list;
      }
    }
    throw new IllegalStateException("The embedded Zeebe engine changed: its record source no longer returns a list;"
        + " check EngineRecordLog against the zeebe-process-test version");
  }
}
