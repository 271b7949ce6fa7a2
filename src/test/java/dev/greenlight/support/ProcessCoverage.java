package dev.greenlight.support;

import dev.greenlight.engine.embedded.EmbeddedEngine;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Which BPMN elements the tests made the engine take: every flow node activated and every sequence flow taken, as
 * {@code processId/elementId}, read from the record streams of the embedded engines of every Spring test context.
 * Registered as a listener in {@code META-INF/spring.factories} of the tests. Only throw-away engines count: a
 * Greenlight started on a durable data directory with the tests' class path (the crash suites, the benchmarks) is not a
 * test context, and reading its whole log at its stop would hold up the snapshot the stop takes.
 */
public class ProcessCoverage implements ApplicationListener<ApplicationEvent> {

  private static final List<ZeebeTestEngine> LIVE_ENGINES = new CopyOnWriteArrayList<>();
  private static final Set<String> REACHED_BY_CLOSED_ENGINES = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ContextRefreshedEvent refreshed) {
      refreshed.getApplicationContext().getBeanProvider(ZeebeTestEngine.class).ifAvailable(engine -> {
        if (!(engine instanceof EmbeddedEngine embedded && embedded.durable())) {
          LIVE_ENGINES.add(engine);
        }
      });
    } else if (event instanceof ContextClosedEvent closed) {
      closed.getApplicationContext().getBeanProvider(ZeebeTestEngine.class).ifAvailable(engine -> {
        if (LIVE_ENGINES.remove(engine)) {
          REACHED_BY_CLOSED_ENGINES.addAll(reachedBy(engine));
        }
      });
    }
  }

  /** Every element reached so far, by any engine of any test context. */
  public static Set<String> reached() {
    Set<String> reached = new HashSet<>(REACHED_BY_CLOSED_ENGINES);
    LIVE_ENGINES.forEach(engine -> reached.addAll(reachedBy(engine)));
    return reached;
  }

  private static Set<String> reachedBy(ZeebeTestEngine engine) {
    Set<String> reached = new HashSet<>();
    for (Record<?> record : engine.getRecordStreamSource().getRecords()) {
      if (record.getValueType() == ValueType.PROCESS_INSTANCE && record.getRecordType() == RecordType.EVENT
          && (record.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED
              || record.getIntent() == ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN)) {
        ProcessInstanceRecordValue value = (ProcessInstanceRecordValue) record.getValue();
        reached.add(value.getBpmnProcessId() + "/" + value.getElementId());
      }
    }
    return reached;
  }
}
