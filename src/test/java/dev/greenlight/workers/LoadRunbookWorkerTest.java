package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.spec.RunbookProperties;
import dev.greenlight.spec.RunbookRegistry;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import io.camunda.client.exception.BpmnError;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** load-runbook called directly: registered and inline runbooks, and the BPMN error for bad ones. */
class LoadRunbookWorkerTest {

  final SpecReader reader = new SpecReader();
  final LoadRunbookWorker worker =
      new LoadRunbookWorker(new RunbookRegistry(new RunbookProperties(Path.of("runbooks")), reader), reader);

  @Test
  void loadsARegisteredRunbook() {
    Map<String, Object> variables = worker.loadRunbook("analyzer-canary", null);

    assertThat(variables).containsEntry("service", "analyzer").containsEntry("strategy", "canary");
    assertThat(variables.get("runbook")).isEqualTo(reader.read(Path.of("runbooks/analyzer-canary.yaml")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void checksAnInlineRunbookAgain() {
    RunbookSpec spec = reader.read(Path.of("runbooks/architect-api-blue-green.yaml"));
    Map<String, Object> asVariable = new ObjectMapper().findAndRegisterModules()
        .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .convertValue(spec, Map.class);

    assertThat(worker.loadRunbook(null, asVariable)).containsEntry("runbook", spec)
        .containsEntry("strategy", "blue-green");

    ((Map<String, Object>) asVariable.get("approvals")).put("signoffs", java.util.List.of());
    asVariable.put("strategy", "rainbow");
    assertThatThrownBy(() -> worker.loadRunbook(null, asVariable))
        .isInstanceOfSatisfying(BpmnError.class, error -> {
          assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.INVALID_RUNBOOK);
          assertThat(error.getErrorMessage()).contains("the inline runbook is invalid")
              .contains("strategy: unknown strategy 'rainbow'");
        });
  }

  @Test
  void anUnknownOrMissingNameIsAnInvalidRunbook() {
    assertThatThrownBy(() -> worker.loadRunbook("payments", null))
        .isInstanceOfSatisfying(BpmnError.class, error -> {
          assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.INVALID_RUNBOOK);
          assertThat(error.getErrorMessage()).contains("No runbook named 'payments'").contains("analyzer-canary");
        });
    assertThatThrownBy(() -> worker.loadRunbook(null, null))
        .isInstanceOfSatisfying(BpmnError.class, error ->
            assertThat(error.getErrorMessage()).startsWith("The rollout names no runbook"));
  }
}
