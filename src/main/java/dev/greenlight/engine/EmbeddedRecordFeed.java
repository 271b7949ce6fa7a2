package dev.greenlight.engine;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.Record;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Feeds the embedded engine's records, each once and in log order, to the read models that stand in for Operate and
 * Tasklist on the embedded engine (open user tasks, rollout status). Reading is incremental: a catch-up only looks at
 * the records written since the previous one, so its cost does not grow with the age of the engine.
 */
public class EmbeddedRecordFeed {

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

  private List<Record<?>> records() {
    return EngineRecordLog.read(engine);
  }
}
