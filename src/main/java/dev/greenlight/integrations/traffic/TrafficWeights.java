package dev.greenlight.integrations.traffic;

/**
 * How traffic is split, in percent: {@code stable + canary == 100}.
 *
 * @param stable percent on the stable version (blue)
 * @param canary percent on the new version (canary, green)
 */
public record TrafficWeights(int stable, int canary) {

  public TrafficWeights {
    if (stable < 0 || canary < 0 || stable + canary != 100) {
      throw new IllegalArgumentException(
          "Traffic weights must be 0..100 and add up to 100, were stable " + stable + " and canary " + canary);
    }
  }

  /** {@code percent} on the new version, the rest on stable. */
  public static TrafficWeights onCanary(int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("The weight on the new version must be 0..100 percent, was " + percent);
    }
    return new TrafficWeights(100 - percent, percent);
  }

  /** Turns raw router weights (e.g. nginx's 3 and 1) into percentages; 0 and 0 means nothing is routed. */
  public static TrafficWeights fromRaw(int stable, int canary) {
    if (stable + canary == 0) {
      throw new IllegalStateException("The router sends traffic to neither the stable nor the new version");
    }
    return onCanary(Math.round(canary * 100f / (stable + canary)));
  }
}
