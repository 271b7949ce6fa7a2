package dev.greenlight.demo.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The service's feature flags, as its flag admin API ({@code /flags/{name}}) sets them. Both start off. */
final class FlagBoard {

  static final String USE_NEW_SYSTEM = "USE_NEW_SYSTEM";
  static final String COMPARE_MODE = "COMPARE_MODE";

  private final Map<String, JsonNode> flags = new ConcurrentHashMap<>(Map.of(
      USE_NEW_SYSTEM, BooleanNode.FALSE, COMPARE_MODE, BooleanNode.FALSE));

  JsonNode get(String name) {
    return flags.get(name);
  }

  void set(String name, JsonNode value) {
    flags.put(name, value);
  }

  boolean on(String name) {
    JsonNode value = flags.get(name);
    return value != null && (value.asBoolean() || "true".equalsIgnoreCase(value.asText()));
  }
}
