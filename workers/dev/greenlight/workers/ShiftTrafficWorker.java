package dev.greenlight.workers;

import dev.greenlight.gates.GateState;
import dev.greenlight.metrics.GreenlightMetrics;
import java.time.Duration;
import dev.greenlight.integrations.ChangeNotAppliedException;
import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.integrations.traffic.TrafficShift;
import dev.greenlight.integrations.traffic.TrafficShifter;
import dev.greenlight.integrations.traffic.TrafficWeights;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code shift-traffic}: puts {@code weight} percent of traffic on the new version (canary), or all of it on
 * {@code side} (blue or green, blue-green), and confirms it with the router; result in {@code traffic} (weights read
 * back, side, confirmedAt). A change the router does not read back throws {@code CHANGE_NOT_APPLIED}. Each change is
 * one line in the log, with what the router read back.
 *
 * <p>Run twice: the weights are absolute and read back, so shifting again to them changes nothing.
 */
@Component
public class ShiftTrafficWorker {

  public static final String WEIGHT = "weight";
  public static final String SIDE = "side";
  public static final String TRAFFIC = "traffic";
  private static final Logger log = LoggerFactory.getLogger(ShiftTrafficWorker.class);

  private final TrafficShifter shifter;
  private final GreenlightMetrics metrics;

  public ShiftTrafficWorker(TrafficShifter shifter, GreenlightMetrics metrics) {
    this.shifter = shifter;
    this.metrics = metrics;
  }

  @JobWorker(type = "shift-traffic")
  public Map<String, TrafficShift> shiftTraffic(
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = WEIGHT) Integer weight,
      @Variable(name = SIDE) String side,
      @Variable(name = RolloutVariables.GATE, optional = true) GateState gate,
      @Variable(name = RolloutVariables.ROLLOUT_ID, optional = true) String rolloutId,
      @Variable(name = RolloutVariables.ROLLBACK_MODE, optional = true) String rollbackMode) {
    if ((weight == null) == (side == null)) {
      throw new IllegalArgumentException("shift-traffic needs exactly one of the variables 'weight' (0..100 percent on "
          + "the new version) and 'side' (blue or green); got weight=" + weight + ", side=" + side);
    }
    try {
      TrafficShift shift = side == null
          ? shifter.shiftTo(runbook.traffic(), TrafficWeights.onCanary(weight))
          : shifter.switchTo(runbook.traffic(), Side.parse(side));
      log.info("Rollout {}: {}traffic {}; the router reads back stable {} %, new version {} %", rolloutId,
          rollbackMode == null ? "" : "rollback step: ", change(weight, side), shift.stable(), shift.canary());
      if (gate != null && gate.breached() && gate.measuredAt() != null) {
        metrics.trafficReturnedAfterBreach(Duration.between(gate.measuredAt(), shift.confirmedAt()));
      }
      return Map.of(TRAFFIC, shift);
    } catch (ChangeNotAppliedException e) {
      throw CamundaError.bpmnError(ErrorCodes.CHANGE_NOT_APPLIED, e.getMessage());
    }
  }

  private static String change(Integer weight, String side) {
    if (side != null) {
      return "switched to " + side;
    }
    return weight == 0 ? "returned to stable" : "shifted to " + weight + " % on the new version";
  }
}
