package dev.greenlight.workers;

import dev.greenlight.metrics.GreenlightMetrics;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code record-stage-start}: the start listener of every stage's monitoring window. One line in the log says which
 * stage started and how it will be watched; the rollout's stage and weight gauges show it from now on, before its
 * first reading. When it started is kept on the watch ({@code stageStartedAt}, local) for the stage's record.
 *
 * <p>Run twice: it sets gauges and a local variable to the same values again; the log line is written again.
 */
@Component
public class RecordStageStartWorker {

  private static final Logger log = LoggerFactory.getLogger(RecordStageStartWorker.class);

  public static final String STAGE_STARTED_AT = "stageStartedAt";

  private final GreenlightMetrics metrics;
  private final Clock clock;

  public RecordStageStartWorker(GreenlightMetrics metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  @JobWorker(type = "record-stage-start", fetchVariables = {
      RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID, RolloutVariables.STAGE})
  public Map<String, Object> recordStageStart(
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.ROLLOUT_ID) String rolloutId,
      @Variable(name = RolloutVariables.STAGE) Stage stage) {
    metrics.stageWatched(runbook, stage);
    log.info("Rollout {}: stage {} started{}: watched {}, first reading after {}, then every {}; {} valid readings"
            + " needed", rolloutId, stage.name(), stage.weight() == null ? "" : " at weight " + stage.weight() + " %",
        stage.duration() == null ? "until stopped" : "for " + stage.duration(), stage.initialDelay(),
        stage.interval(), stage.minMeasurements());
    return Map.of(STAGE_STARTED_AT, clock.instant());
  }
}
