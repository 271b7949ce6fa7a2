package dev.greenlight.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Names and places of steps, read from the BPMN Greenlight deploys. */
class ProcessNamesTest {

  final StepNames steps = new StepNames();

  @Test
  void aStepOfACalledProcessIsNamedWithItsProcessAndAStepOfARolloutWithItsSubProcesses() {
    assertThat(steps.path("release-version", "deploy-version")).isEqualTo("Release a version › Deploy the version");
    assertThat(steps.path("canary-rollout", "shift-to-stage-weight"))
        .isEqualTo("Run the stages › Shift traffic to the stage weight");
    assertThat(steps.path("monitoring-window", "measure-gate"))
        .isEqualTo("Monitoring window › Watch the gate › Measure the gate");
    assertThat(steps.name("rollback", "return-traffic")).isEqualTo("Return all traffic to stable");
    assertThat(steps.path("no-such-process", "x")).isEqualTo("x");
  }

  @Test
  void errorsCaughtOnAStepOrASubProcessAroundItAreKnown() throws IOException {
    ProcessNames canary = ProcessNames.readAll(Files.readAllBytes(Path.of("processes/canary-rollout.bpmn"))).getFirst();

    assertThat(canary.catches("shift-to-stage-weight", "CHANGE_NOT_APPLIED")).as("on run-stages").isTrue();
    assertThat(canary.catches("smoke-test-canary", "SMOKE_FAILED")).isTrue();
    assertThat(canary.catches("smoke-test-canary", "CHANGE_NOT_APPLIED")).isFalse();
    assertThat(steps.catches("rollback", "return-traffic", "CHANGE_NOT_APPLIED")).as("a rollback catches nothing")
        .isFalse();
  }
}
