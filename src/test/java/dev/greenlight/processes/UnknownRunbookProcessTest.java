package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every runbook process started from Tasklist's start form with a runbook that is not registered ends at once. */
class UnknownRunbookProcessTest extends RunbookProcessTest {

  @ParameterizedTest
  @ValueSource(strings = {"canary-rollout", "blue-green-release", "feature-flag-rollout", "staged-flag-rollout"})
  void anUnknownRunbookEndsTheRolloutBeforeAnythingIsTouched(String processId) {
    long instance = driver.start(processId,
        Map.of("runbookName", "no-such-runbook", "rolloutId", "unknown-runbook-test", "version", "2.0.0"));

    assertThat(driver.completed(instance)).as(driver.describe(instance)).isTrue();
    assertThat(driver.path(instance)).endsWith("load-runbook", "runbook-invalid", "not-started");
    assertThat(driver.incident(instance)).isNull();
    assertThat(SERVICE.requests("PUT", "/")).isEmpty();
    assertThat(SERVICE.requests("POST", "/")).isEmpty();
  }
}
