package dev.greenlight.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Benchmark 5's probe: a one-task process whose job carries {@code createdAt}, the engine clock's {@code now()} when it
 * activated the task and created the job (same processing step, millisecond precision); this worker notes when its
 * handler is entered. Registered only by the benchmark (no {@code @Component}, so the application's scan never finds
 * it), it is a {@code @JobWorker} on Greenlight's own client: it waits in the same executor as the real workers.
 */
public class BenchProbeWorker {

  static final String PROCESS_ID = "bench-probe";
  static final String JOB_TYPE = "bench-probe";
  static final String CREATED_AT = "createdAt";

  private volatile Samples latencies = new Samples();

  static BpmnModelInstance process() {
    return Bpmn.createExecutableProcess(PROCESS_ID).name("Benchmark probe")
        .startEvent("probe-started")
        .serviceTask("probe").name("Probe job activation").zeebeJobType(JOB_TYPE)
          .zeebeInputExpression("now()", CREATED_AT)
        .endEvent("probe-done")
        .done();
  }

  static void deploy(CamundaClient client) {
    client.newDeployResourceCommand().addProcessModel(process(), PROCESS_ID + ".bpmn").send().join();
  }

  @JobWorker(type = JOB_TYPE, fetchVariables = CREATED_AT)
  public void probe(@Variable(name = CREATED_AT) String createdAt) {
    Instant entered = Instant.now();
    latencies.add((entered.toEpochMilli() - parse(createdAt).toEpochMilli()));
  }

  /** FEEL date-times come with an offset and sometimes a zone id: {@code 2026-11-10T09:00:00.123Z[UTC]}. */
  static Instant parse(String dateTime) {
    return DateTimeFormatter.ISO_DATE_TIME.parse(dateTime, Instant::from);
  }

  /** Starts a new series of latencies and returns the one so far. */
  Samples restart() {
    Samples finished = latencies;
    latencies = new Samples();
    return finished;
  }
}
