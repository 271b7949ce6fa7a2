package dev.greenlight.workers;

import dev.greenlight.integrations.smoke.SmokeReport;
import dev.greenlight.integrations.smoke.SmokeTestRunner;
import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code run-smoke-tests}: runs the runbook's smoke checks (in a blue-green release against {@code targetSide}: a
 * check's {@code {{side}}} is its name); result in {@code smokeTests}. Any failed check throws {@code SMOKE_FAILED}
 * saying which checks failed and why, with {@code smokeTests} as error variables.
 *
 * <p>Run twice: the checks only read, nothing changes.
 */
@Component
public class RunSmokeTestsWorker {

  private final SmokeTestRunner runner;

  public RunSmokeTestsWorker(SmokeTestRunner runner) {
    this.runner = runner;
  }

  @JobWorker(type = "run-smoke-tests", fetchVariables = {RolloutVariables.RUNBOOK, RolloutVariables.TARGET_SIDE})
  public Map<String, Object> runSmokeTests(@Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.TARGET_SIDE, optional = true) String targetSide) {
    SmokeReport report = runner.run(runbook.smokeTests(), Side.parseOrNull(targetSide));
    Map<String, Object> variables = Map.of(RolloutVariables.SMOKE_TESTS, report);
    if (!report.passed()) {
      throw CamundaError.bpmnError(ErrorCodes.SMOKE_FAILED, report.summary(), variables);
    }
    return variables;
  }
}
