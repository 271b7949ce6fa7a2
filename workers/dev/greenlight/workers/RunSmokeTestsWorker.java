package dev.greenlight.workers;

import dev.greenlight.integrations.smoke.SmokeReport;
import dev.greenlight.integrations.smoke.SmokeTestRunner;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code run-smoke-tests}: runs the runbook's smoke checks; result in {@code smokeTests}. Any failed check throws
 * {@code SMOKE_FAILED} naming the failed checks, with {@code smokeTests} as error variables.
 *
 * <p>Run twice: the checks only read, nothing changes.
 */
@Component
public class RunSmokeTestsWorker {

  private final SmokeTestRunner runner;

  public RunSmokeTestsWorker(SmokeTestRunner runner) {
    this.runner = runner;
  }

  @JobWorker(type = "run-smoke-tests", fetchVariables = RolloutVariables.RUNBOOK)
  public Map<String, Object> runSmokeTests(@Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook) {
    SmokeReport report = runner.run(runbook.smokeTests());
    Map<String, Object> variables = Map.of(RolloutVariables.SMOKE_TESTS, report);
    if (!report.passed()) {
      throw CamundaError.bpmnError(ErrorCodes.SMOKE_FAILED, report.summary(), variables);
    }
    return variables;
  }
}
