package dev.greenlight.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A place in a runbook's tree with its path, for the binder: typed reads that record an error by path and carry on, so
 * one pass finds every mistake. A missing value and an explicit null are both absent.
 */
final class SpecNode {

  private final JsonNode node;
  private final String path;
  private final List<SpecError> errors;

  private SpecNode(JsonNode node, String path, List<SpecError> errors) {
    this.node = node == null || node.isNull() || node.isMissingNode() ? null : node;
    this.path = path;
    this.errors = errors;
  }

  static SpecNode root(JsonNode node, List<SpecError> errors) {
    return new SpecNode(node, "", errors);
  }

  String path() {
    return path;
  }

  boolean isPresent() {
    return node != null;
  }

  JsonNode json() {
    return node;
  }

  void error(String message) {
    errors.add(new SpecError(path, message));
  }

  SpecNode field(String key) {
    return new SpecNode(node == null ? null : node.get(key), path.isEmpty() ? key : path + "." + key, errors);
  }

  /**
   * Whether this is a mapping (absent is not). Keys outside {@code allowedKeys} are errors; a key {@code x} where
   * {@code xSecret} is allowed means a secret was written inline.
   */
  boolean isMapping(List<String> allowedKeys) {
    if (!isMapping()) {
      return false;
    }
    node.fieldNames().forEachRemaining(key -> {
      if (!allowedKeys.contains(key)) {
        field(key).error(allowedKeys.contains(key + "Secret")
            ? "secrets are never written inline; put the secret's name in " + key + "Secret"
            : "unknown key; allowed keys: " + String.join(", ", allowedKeys));
      }
    });
    return true;
  }

  /** Whether this is a mapping of any keys (absent is not); anything else is an error. */
  boolean isMapping() {
    if (node == null) {
      return false;
    }
    if (!node.isObject()) {
      error("must be a mapping of keys to values");
      return false;
    }
    return true;
  }

  /** The entries of a mapping with free keys, in document order; empty when absent. */
  Map<String, SpecNode> entries() {
    Map<String, SpecNode> entries = new LinkedHashMap<>();
    if (isMapping()) {
      node.fieldNames().forEachRemaining(key -> entries.put(key, field(key)));
    }
    return entries;
  }

  /** The items of a list; empty when absent. */
  List<SpecNode> items() {
    List<SpecNode> items = new ArrayList<>();
    if (node == null) {
      return items;
    }
    if (!node.isArray()) {
      error("must be a list");
      return items;
    }
    for (int i = 0; i < node.size(); i++) {
      items.add(new SpecNode(node.get(i), path + "[" + i + "]", errors));
    }
    return items;
  }

  String text() {
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      error("must be text, not " + node);
      return null;
    }
    if (node.asText().isBlank()) {
      error("must not be empty");
      return null;
    }
    return node.asText();
  }

  String text(String key) {
    return field(key).text();
  }

  String requiredText(String key) {
    SpecNode field = field(key);
    if (!field.isPresent()) {
      field.error("required");
    }
    return field.text();
  }

  /** A whole number, null when absent; outside {@code min..max} is an error. */
  Integer integer(String key, int min, int max) {
    SpecNode field = field(key);
    if (field.node == null) {
      return null;
    }
    if (!field.node.isIntegralNumber() || !field.node.canConvertToInt()) {
      field.error("must be a whole number, not " + field.node);
      return null;
    }
    int value = field.node.intValue();
    if (value < min || value > max) {
      field.error("must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  int integer(String key, int min, int max, int fallback) {
    Integer value = integer(key, min, max);
    return value == null ? fallback : value;
  }

  boolean bool(String key, boolean fallback) {
    SpecNode field = field(key);
    if (field.node == null) {
      return fallback;
    }
    if (!field.node.isBoolean()) {
      field.error("must be true or false, not " + field.node);
      return fallback;
    }
    return field.node.booleanValue();
  }

  /** A positive ISO-8601 duration, or null when absent. */
  Duration duration(String key) {
    SpecNode field = field(key);
    if (field.node == null) {
      return null;
    }
    String text = field.node.isTextual() ? field.node.asText() : field.node.toString();
    Duration duration;
    try {
      duration = Duration.parse(text);
    } catch (DateTimeParseException e) {
      field.error("'" + text + "' is not an ISO-8601 duration such as PT2H");
      return null;
    }
    if (duration.isNegative() || duration.isZero()) {
      field.error("'" + text + "' must be longer than zero");
      return null;
    }
    return duration;
  }

  Duration requiredDuration(String key) {
    if (!field(key).isPresent()) {
      field(key).error("required, an ISO-8601 duration such as PT2H");
      return null;
    }
    return duration(key);
  }

  /** The constant spelled as in runbooks ({@code count-as-error}), the fallback when absent, null when wrong. */
  <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    SpecNode field = field(key);
    if (field.node == null) {
      return fallback;
    }
    String text = field.node.asText();
    Optional<E> value = field.node.isTextual() ? SpecNames.parse(type, text) : Optional.empty();
    if (value.isEmpty()) {
      field.error("unknown " + key + " '" + text + "'; use " + alternatives(SpecNames.all(type)));
      return null;
    }
    return value.get();
  }

  <E extends Enum<E>> E requiredChoice(String key, Class<E> type) {
    SpecNode field = field(key);
    if (!field.isPresent()) {
      field.error("required; use " + alternatives(SpecNames.all(type)));
      return null;
    }
    return choice(key, type, null);
  }

  /** A list of texts; null when absent. */
  List<String> texts(String key) {
    SpecNode field = field(key);
    if (!field.isPresent()) {
      return null;
    }
    List<String> texts = new ArrayList<>();
    for (SpecNode item : field.items()) {
      String text = item.text();
      if (text != null) {
        texts.add(text);
      }
    }
    return List.copyOf(texts);
  }

  /** A mapping of texts to texts; null when absent. */
  Map<String, String> textMap(String key) {
    SpecNode field = field(key);
    if (!field.isPresent()) {
      return null;
    }
    Map<String, String> texts = new LinkedHashMap<>();
    field.entries().forEach((name, value) -> {
      String text = value.text();
      if (text != null) {
        texts.put(name, text);
      }
    });
    return texts;
  }

  /** This node as a threshold ({@code "< 1%"}), null when it is not one. */
  Threshold threshold() {
    if (node == null || !node.isTextual()) {
      error("must be a quoted threshold such as \"< 1%\", \"< 200ms\" or \">= 0.95\", not " + node);
      return null;
    }
    try {
      return Threshold.parse(node.asText());
    } catch (IllegalArgumentException e) {
      error(e.getMessage());
      return null;
    }
  }

  static String alternatives(List<String> names) {
    if (names.size() == 2) {
      return names.get(0) + " or " + names.get(1);
    }
    return "one of " + String.join(", ", names);
  }
}
