package dev.greenlight.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.GreenlightSpringTest;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every worker's failures go through {@link JobFailures}, also those the Camunda starter meets before it calls the
 * worker (variables that do not fit its parameters): tried again after growing pauses, then an incident whose message
 * a person can act on, without a stack trace.
 */
@GreenlightSpringTest
class JobFailuresTest {

  static final String PROCESS = "job-failures-probe";

  @Autowired CamundaClient client;
  @Autowired ZeebeTestEngine engine;

  @Test
  void variablesAWorkerCannotReadBecomeAReadableIncidentAfterTheRetries() {
    client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess(PROCESS).name("Probe")
        .startEvent().serviceTask("scale").name("Scale the service").zeebeJobType("scale-service").endEvent().done(),
        PROCESS + ".bpmn").send().join();
    long instance = client.newCreateInstanceCommand().bpmnProcessId(PROCESS).latestVersion()
        .variables(Map.of("rolloutId", "probe-1", "replicas", "a few")).send().join().getProcessInstanceKey();

    EngineRecords records = new EngineRecords(engine);
    IncidentRecordValue incident = await().atMost(Duration.ofSeconds(30)).until(() -> records.all().stream()
        .filter(r -> r.getValueType() == ValueType.INCIDENT && r.getIntent() == IncidentIntent.CREATED)
        .map(r -> (IncidentRecordValue) r.getValue()).filter(i -> i.getProcessInstanceKey() == instance)
        .findFirst().orElse(null), found -> found != null);
    List<JobRecordValue> failures = records.all().stream()
        .filter(r -> r.getValueType() == ValueType.JOB && r.getRecordType() == RecordType.EVENT
            && r.getIntent() == JobIntent.FAILED)
        .map(Record::getValue).map(JobRecordValue.class::cast)
        .filter(job -> job.getProcessInstanceKey() == instance).toList();

    assertThat(failures).extracting(JobRecordValue::getRetries).containsExactly(2, 1, 0);
    assertThat(failures.get(0).getRetryBackoff()).isBetween(80L, 120L);
    assertThat(failures.get(1).getRetryBackoff()).isBetween(160L, 240L);
    assertThat(failures).extracting(JobRecordValue::getErrorMessage)
        .allSatisfy(message -> assertThat(message).doesNotContain("\tat ", ".java:", "Exception:"));
    assertThat(incident.getErrorMessage())
        .startsWith("scale failed 3 times: The job's variables do not fit scale-service (parameter ")
        .contains("— fix the cause, then run `greenlight retry probe-1`").doesNotContain("\tat ", ".java:");
  }
}
