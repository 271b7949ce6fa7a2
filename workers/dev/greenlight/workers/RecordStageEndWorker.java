package dev.greenlight.workers;

import dev.greenlight.gates.GateState;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.Stage;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code record-stage-end}: the end listener of every stage's monitoring window. One line in the log says how the
 * stage ended and why.
 */
@Component
public class RecordStageEndWorker {

  private static final Logger log = LoggerFactory.getLogger(RecordStageEndWorker.class);

  @JobWorker(type = "record-stage-end", fetchVariables = {
      RolloutVariables.ROLLOUT_ID, RolloutVariables.STAGE, RolloutVariables.GATE, RolloutVariables.STAGE_OUTCOME})
  public void recordStageEnd(
      @Variable(name = RolloutVariables.ROLLOUT_ID) String rolloutId,
      @Variable(name = RolloutVariables.STAGE) Stage stage,
      @Variable(name = RolloutVariables.GATE, optional = true) GateState gate,
      @Variable(name = RolloutVariables.STAGE_OUTCOME) String outcome) {
    log.info("Rollout {}: stage {} {}", rolloutId, stage.name(), ending(outcome, gate));
  }

  private static String ending(String outcome, GateState gate) {
    String reason = gate == null || gate.breachReason() == null ? null : gate.breachReason();
    return switch (outcome) {
      case "passed" -> "passed with " + (gate == null ? 0 : gate.validReadings()) + " valid readings";
      case "alert" -> "ended by an alert: " + reason;
      default -> reason == null ? "ended: stopped by a decision" : "ended, breached: " + reason;
    };
  }
}
