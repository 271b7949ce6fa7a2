package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.metrics.GreenlightMetrics;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.spec.RunbookProperties;
import dev.greenlight.spec.RunbookRegistry;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** load-runbook called directly: registered and inline runbooks, and the BPMN error for bad ones. */
class LoadRunbookWorkerTest {

  final SpecReader reader = new SpecReader();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final LoadRunbookWorker worker = new LoadRunbookWorker(
      new RunbookRegistry(new RunbookProperties(Path.of("runbooks")), reader), reader, new GreenlightMetrics(registry));

  @Test
  void loadsARegisteredRunbookAndCountsTheRolloutAsStarted() {
    Map<String, Object> variables = worker.loadRunbook(jobOf("canary-rollout"), "analyzer-canary", null);

    assertThat(variables).containsEntry("service", "analyzer").containsEntry("strategy", "canary");
    assertThat(variables.get("runbook")).isEqualTo(reader.read(Path.of("runbooks/analyzer-canary.yaml")));
    assertThat(registry.get("greenlight.rollouts.started").tags("service", "analyzer", "strategy", "canary").counter()
        .count()).isEqualTo(1);
  }

  @Test
  void anIncidentLoadingTheRunbookIsNotCountedAsARollout() {
    worker.loadRunbook(jobOf("incident-response"), "analyzer-canary", null);

    assertThat(registry.find("greenlight.rollouts.started").counter()).isNull();
  }

  @Test
  @SuppressWarnings("unchecked")
  void checksAnInlineRunbookAgain() {
    RunbookSpec spec = reader.read(Path.of("runbooks/architect-api-blue-green.yaml"));
    Map<String, Object> asVariable = new ObjectMapper().findAndRegisterModules()
        .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .convertValue(spec, Map.class);

    assertThat(worker.loadRunbook(jobOf("blue-green-release"), null, asVariable)).containsEntry("runbook", spec)
        .containsEntry("strategy", "blue-green");

    ((Map<String, Object>) asVariable.get("approvals")).put("signoffs", java.util.List.of());
    asVariable.put("strategy", "rainbow");
    assertThatThrownBy(() -> worker.loadRunbook(jobOf("blue-green-release"), null, asVariable))
        .isInstanceOfSatisfying(BpmnError.class, error -> {
          assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.INVALID_RUNBOOK);
          assertThat(error.getErrorMessage()).contains("the inline runbook is invalid")
              .contains("strategy: unknown strategy 'rainbow'");
        });
  }

  @Test
  void anUnknownOrMissingNameIsAnInvalidRunbook() {
    assertThatThrownBy(() -> worker.loadRunbook(jobOf("canary-rollout"), "payments", null))
        .isInstanceOfSatisfying(BpmnError.class, error -> {
          assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.INVALID_RUNBOOK);
          assertThat(error.getErrorMessage()).contains("No runbook named 'payments'").contains("analyzer-canary");
        });
    assertThatThrownBy(() -> worker.loadRunbook(jobOf("canary-rollout"), null, null))
        .isInstanceOfSatisfying(BpmnError.class, error ->
            assertThat(error.getErrorMessage()).startsWith("The rollout names no runbook"));
  }

  private static ActivatedJob jobOf(String processId) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getBpmnProcessId()).thenReturn(processId);
    return job;
  }
}
