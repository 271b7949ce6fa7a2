package dev.greenlight.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Engines hand out variable values as JSON; the inbox wants {@code "dave"} as {@code dave}. */
final class VariableText {

  private static final ObjectMapper JSON = new ObjectMapper();

  private VariableText() {}

  /** The string a JSON value holds, other JSON as written, null for JSON null. */
  static String of(String name, String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return node.isNull() ? null : node.isTextual() ? node.asText() : node.toString();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The engine returned variable " + name + " as something other than JSON: " + json, e);
    }
  }
}
