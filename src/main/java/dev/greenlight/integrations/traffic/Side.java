package dev.greenlight.integrations.traffic;

import java.util.Locale;
import java.util.Optional;

/** The two sides of a blue-green deployment: blue is the stable version, green the new one. */
public enum Side {
  BLUE, GREEN;

  public static Side parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown side '" + text + "': use blue or green", e);
    }
  }

  /** All traffic on this side. */
  public TrafficWeights weights() {
    return this == BLUE ? TrafficWeights.onCanary(0) : TrafficWeights.onCanary(100);
  }

  /** The side that has all the traffic, empty while traffic is split. */
  public static Optional<Side> servedBy(TrafficWeights weights) {
    return weights.canary() == 0 ? Optional.of(BLUE) : weights.stable() == 0 ? Optional.of(GREEN) : Optional.empty();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
