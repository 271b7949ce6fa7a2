package dev.greenlight.workers;

import dev.greenlight.gates.GateState;
import dev.greenlight.gates.StageRecord;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.Stage;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code record-stage-end}: the end listener of every stage's monitoring window. One line in the log says how the
 * stage ended and why, and the stage's record (readings, verdicts, last reading, breach) is added to the rollout's
 * {@code stageHistory} at the top of its process instance, where the next stage's gate cannot overwrite it; the
 * watch may sit in sub-processes or multi-instance stages, whose scopes end. A retried job adds no second record.
 *
 * <p>Run twice: the stage's record is added only when {@code stageHistory} has none for this watch yet; the log
 * line is written again.
 */
@Component
public class RecordStageEndWorker {

  private static final Logger log = LoggerFactory.getLogger(RecordStageEndWorker.class);

  private final CamundaClient client;
  private final Clock clock;

  public RecordStageEndWorker(CamundaClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @JobWorker(type = "record-stage-end", fetchVariables = {
      RolloutVariables.ROLLOUT_ID, RolloutVariables.STAGE, RolloutVariables.GATE, RolloutVariables.STAGE_OUTCOME,
      RolloutVariables.STAGE_HISTORY, RecordStageStartWorker.STAGE_STARTED_AT})
  public void recordStageEnd(
      ActivatedJob job,
      @Variable(name = RolloutVariables.ROLLOUT_ID) String rolloutId,
      @Variable(name = RolloutVariables.STAGE) Stage stage,
      @Variable(name = RolloutVariables.GATE, optional = true) GateState gate,
      @Variable(name = RolloutVariables.STAGE_OUTCOME, optional = true) String outcome,
      @Variable(name = RolloutVariables.STAGE_HISTORY, optional = true) List<Map<String, Object>> history,
      @Variable(name = RecordStageStartWorker.STAGE_STARTED_AT, optional = true) Instant startedAt) {
    log.info("Rollout {}: stage {} {}", rolloutId, stage.name(), ending(outcome == null ? "stopped" : outcome, gate));
    List<Object> recorded = new ArrayList<>(history == null ? List.of() : history);
    long watch = job.getElementInstanceKey();
    if (recorded.stream().anyMatch(entry -> entry instanceof Map<?, ?> map && map.get("watch") instanceof Number key
        && key.longValue() == watch)) {
      return;
    }
    recorded.add(StageRecord.of(stage.name(), gate, outcome, startedAt, clock.instant(), watch));
    client.newSetVariablesCommand(job.getProcessInstanceKey())
        .variables(Map.of(RolloutVariables.STAGE_HISTORY, recorded)).local(true).send().join();
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
