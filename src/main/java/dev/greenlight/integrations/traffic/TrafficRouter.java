package dev.greenlight.integrations.traffic;

import java.util.Optional;

/**
 * The router between the stable and the new version. One implementation per provider. Routers that only know
 * weights switch blue-green sides by sending all traffic to one side.
 */
public interface TrafficRouter {

  /** Applies the split; returns once the router has accepted it. */
  void setWeights(TrafficWeights weights);

  /** The split as the router currently has it. */
  TrafficWeights readWeights();

  /** Sends all traffic to one side. */
  default void switchTo(Side side) {
    setWeights(side.weights());
  }

  /** The side that has all the traffic, empty while traffic is split. */
  default Optional<Side> readSide() {
    return Side.servedBy(readWeights());
  }
}
