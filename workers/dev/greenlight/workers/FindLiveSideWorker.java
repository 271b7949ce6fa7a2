package dev.greenlight.workers;

import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.integrations.traffic.TrafficShifter;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code find-live-side}: reads from the router which side (blue or green) has all the traffic before a blue-green
 * release changes anything. Out: {@code liveSide}, and {@code targetSide}, the idle side the release goes to. A router
 * that splits traffic, or selects neither side, fails the job with what to fix; nothing has changed yet.
 *
 * <p>Run twice: it only reads the router; nothing outside changes.
 */
@Component
public class FindLiveSideWorker {

  private static final Logger log = LoggerFactory.getLogger(FindLiveSideWorker.class);

  private final TrafficShifter shifter;

  public FindLiveSideWorker(TrafficShifter shifter) {
    this.shifter = shifter;
  }

  @JobWorker(type = "find-live-side", fetchVariables = {RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID})
  public Map<String, String> findLiveSide(@Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.ROLLOUT_ID, optional = true) String rolloutId) {
    Side live = shifter.liveSide(runbook.traffic());
    log.info("Rollout {}: {} is live; the release goes to {}", rolloutId, live.label(), live.other().label());
    return Map.of(RolloutVariables.LIVE_SIDE, live.label(), RolloutVariables.TARGET_SIDE, live.other().label());
  }
}
