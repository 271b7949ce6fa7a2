package dev.greenlight.integrations.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flags of the staged-flags strategy, as seed 004 keeps them: each feature is an object
 * {@code {"enabled": true, "rolloutPercentage": 25}}. A feature on gets the stage's weight as its percentage; a feature
 * off is {@code {"enabled": false, "rolloutPercentage": 0}}, so nobody is left inside a percentage of a closed feature.
 */
public final class StagedFlags {

  private StagedFlags() {}

  /**
   * @param features logical flag name → true (on) or false (off)
   * @param rolloutPercentage the stage's weight; may be null when every feature is turned off (a rollback)
   */
  public static Map<String, JsonNode> values(Map<String, Object> features, Integer rolloutPercentage) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    features.forEach((name, on) -> {
      if (!(on instanceof Boolean enabled)) {
        throw new IllegalArgumentException("Flag '" + name + "' is " + on + ": with strategy staged-flags a stage's "
            + "flags are true (on from that stage, at its weight) or false (off); the percentage is the stage's weight");
      }
      if (enabled && rolloutPercentage == null) {
        throw new IllegalArgumentException("Flag '" + name + "' is turned on without a percentage: give the stage a "
            + "weight (0-100)");
      }
      values.put(name, value(enabled, enabled ? rolloutPercentage : 0));
    });
    return values;
  }

  private static JsonNode value(boolean enabled, int rolloutPercentage) {
    return JsonNodeFactory.instance.objectNode().put("enabled", enabled).put("rolloutPercentage", rolloutPercentage);
  }
}
