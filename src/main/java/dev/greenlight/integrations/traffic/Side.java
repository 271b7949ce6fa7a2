package dev.greenlight.integrations.traffic;

import java.util.Locale;
import java.util.Optional;

/**
 * The two sides of a blue-green deployment. Either may be live: a release goes to the idle one, so two releases in a
 * row alternate. Routers that only know weights hold blue as their stable and green as their canary server.
 */
public enum Side {
  BLUE, GREEN;

  /** What a runbook writes where a URL or a Deployment's name depends on the side: {@code api-{{side}}.internal}. */
  public static final String PLACEHOLDER = "{{side}}";

  public static Side parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown side '" + text + "': use blue or green", e);
    }
  }

  /** A side variable as the processes hold it; null (outside a blue-green release) stays null. */
  public static Side parseOrNull(String text) {
    return text == null ? null : parse(text);
  }

  /** All traffic on this side. */
  public TrafficWeights weights() {
    return this == BLUE ? TrafficWeights.onCanary(0) : TrafficWeights.onCanary(100);
  }

  /** The side that has all the traffic, empty while traffic is split. */
  public static Optional<Side> servedBy(TrafficWeights weights) {
    return weights.canary() == 0 ? Optional.of(BLUE) : weights.stable() == 0 ? Optional.of(GREEN) : Optional.empty();
  }

  /** The side that is not this one: where the next release goes. */
  public Side other() {
    return this == BLUE ? GREEN : BLUE;
  }

  /**
   * {@code text} with {@value #PLACEHOLDER} replaced by the side's name; text without the placeholder as it is.
   *
   * @param side null outside a blue-green release, where the placeholder has no meaning
   * @param field the runbook field the text comes from, for the message when there is no side
   */
  public static String fill(String text, Side side, String field) {
    if (text == null || !text.contains(PLACEHOLDER)) {
      return text;
    }
    if (side == null) {
      throw new IllegalArgumentException(field + " uses " + PLACEHOLDER + ", which only a blue-green release fills in"
          + " (with the side it deploys to)");
    }
    return text.replace(PLACEHOLDER, side.label());
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
