package dev.greenlight.workers;

import dev.greenlight.gates.GateCheck;
import dev.greenlight.gates.GateMessages;
import dev.greenlight.gates.GateRules;
import dev.greenlight.gates.GateState;
import dev.greenlight.integrations.metrics.QueryContext;
import dev.greenlight.metrics.GreenlightMetrics;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code check-metrics}: one reading of the current {@code stage}, continuing from the previous {@code gate} (the
 * previous stage's, or absent at a rollout's first reading); the new state in {@code gate}, and the rollout's stage in
 * the metrics. A breach is a result, not an error: the process routes on {@code gate.breached} and {@code gate.action}.
 * Each reading is one line in the log, a breach one more.
 *
 * <p>Run twice: a measurement changes nothing; the job handed out again measures again from the same {@code gate}, so a
 * stage counts one measurement per job.
 */
@Component
public class CheckMetricsWorker {

  private static final Logger log = LoggerFactory.getLogger(CheckMetricsWorker.class);

  private final GateCheck gateCheck;
  private final GreenlightMetrics metrics;

  public CheckMetricsWorker(GateCheck gateCheck, GreenlightMetrics metrics) {
    this.gateCheck = gateCheck;
    this.metrics = metrics;
  }

  @JobWorker(type = "check-metrics", fetchVariables = {
      RolloutVariables.RUNBOOK, RolloutVariables.STAGE, RolloutVariables.GATE, RolloutVariables.ROLLOUT_ID,
      RolloutVariables.VERSION})
  public Map<String, GateState> checkMetrics(
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.STAGE) Stage stage,
      @Variable(name = RolloutVariables.GATE, optional = true) GateState gate,
      @Variable(name = RolloutVariables.ROLLOUT_ID, optional = true) String rolloutId,
      @Variable(name = RolloutVariables.VERSION, optional = true) String version) {
    metrics.stageWatched(runbook, stage);
    QueryContext context = new QueryContext(runbook.service(), version, rolloutId);
    GateState measured = gateCheck.check(runbook, stage, gate, context);
    metrics.gateEvaluated(measured.verdict());
    log.info("Rollout {}: stage {} reading: {}", rolloutId, stage.name(),
        GateMessages.reading(measured, GateRules.of(runbook, stage)));
    if (measured.breached()) {
      log.info("Rollout {}: stage {} breached: {}", rolloutId, stage.name(), measured.breachReason());
    }
    return Map.of(RolloutVariables.GATE, measured);
  }
}
