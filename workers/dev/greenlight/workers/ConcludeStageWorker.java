package dev.greenlight.workers;

import dev.greenlight.gates.GateCheck;
import dev.greenlight.gates.GateState;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code conclude-stage}: the stage's duration is over; judges whether its readings are evidence enough to pass
 * (its minimum of valid readings, the last one valid). The judged state in {@code gate}: as it was when the stage
 * passes, else inconclusive with why, breached unless the stage asks a person.
 *
 * <p>Run twice: it only judges the readings it is given; nothing outside changes.
 */
@Component
public class ConcludeStageWorker {

  private final GateCheck gateCheck;

  public ConcludeStageWorker(GateCheck gateCheck) {
    this.gateCheck = gateCheck;
  }

  @JobWorker(type = "conclude-stage", fetchVariables = {
      RolloutVariables.RUNBOOK, RolloutVariables.STAGE, RolloutVariables.GATE})
  public Map<String, GateState> concludeStage(
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.STAGE) Stage stage,
      @Variable(name = RolloutVariables.GATE, optional = true) GateState gate) {
    return Map.of(RolloutVariables.GATE, gateCheck.conclude(runbook, stage, gate));
  }
}
