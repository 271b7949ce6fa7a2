package dev.greenlight.integrations.traffic;

import dev.greenlight.integrations.ChangeNotAppliedException;
import dev.greenlight.spec.TrafficTarget;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Changes the traffic split or the live blue-green side and confirms the change by reading it back. */
@Component
public class TrafficShifter {

  private final TrafficRouters routers;
  private final Clock clock;

  public TrafficShifter(TrafficRouters routers, Clock clock) {
    this.routers = routers;
    this.clock = clock;
  }

  /** @throws ChangeNotAppliedException when the router does not read back the split that was set */
  public TrafficShift shiftTo(TrafficTarget target, TrafficWeights wanted) {
    TrafficRouter router = routers.forTarget(target);
    router.setWeights(wanted);
    TrafficWeights readBack = router.readWeights();
    if (!readBack.equals(wanted)) {
      throw new ChangeNotAppliedException("Traffic shift not applied by the " + target.provider() + " router: it reads "
          + describe(readBack) + ", expected " + describe(wanted));
    }
    return new TrafficShift(readBack.stable(), readBack.canary(),
        Side.servedBy(readBack).map(Side::label).orElse(null), clock.instant());
  }

  /**
   * The side that has all the traffic now, read from the router without changing it.
   *
   * @throws IllegalStateException when no side has all the traffic: a blue-green release starts from one
   */
  public Side liveSide(TrafficTarget target) {
    return routers.forTarget(target).readSide().orElseThrow(() -> new IllegalStateException("The " + target.provider()
        + " router reads neither blue nor green as the live side (traffic is split, or the Service selects neither"
        + " side's value): a blue-green release starts with all traffic on one side. Send all traffic to one side,"
        + " then retry"));
  }

  /**
   * A router already on {@code wanted} is not written to (a rollback before the switch leaves it untouched).
   *
   * @throws ChangeNotAppliedException when the router does not read back the side that was switched to
   */
  public TrafficShift switchTo(TrafficTarget target, Side wanted) {
    TrafficRouter router = routers.forTarget(target);
    if (router.readSide().orElse(null) != wanted) {
      router.switchTo(wanted);
    }
    Side readBack = router.readSide().orElse(null);
    if (readBack != wanted) {
      throw new ChangeNotAppliedException("Blue-green switch not applied by the " + target.provider() + " router: "
          + "the live side reads " + (readBack == null ? "neither blue nor green" : readBack.label())
          + ", expected " + wanted.label());
    }
    TrafficWeights weights = wanted.weights();
    return new TrafficShift(weights.stable(), weights.canary(), wanted.label(), clock.instant());
  }

  private static String describe(TrafficWeights weights) {
    return "stable " + weights.stable() + "% / canary " + weights.canary() + "%";
  }
}
