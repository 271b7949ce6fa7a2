package dev.greenlight.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Says a schema error the way lint always has: a runbook path ({@code stages[1].thresholds.errorRate}) and what to fix.
 * The words come from the schema where it has them ({@code errorMessage}, {@code patternErrorMessage}, the
 * {@code description} of a field a strategy requires, the allowed keys), so editors and lint say the same.
 */
final class SchemaMessages {

  private final JsonNode document;

  SchemaMessages(JsonNode document) {
    this.document = document;
  }

  SpecError of(Error error) {
    List<Object> at = elements(error.getInstanceLocation());
    List<JsonNode> trail = trail(error.getEvaluationPath());
    JsonNode owner = trail.size() >= 2 ? trail.get(trail.size() - 2) : document;
    JsonNode value = error.getInstanceNode();
    return switch (error.getKeyword()) {
      case "additionalProperties" -> unknownKey(at, owner, error.getProperty());
      case "required" -> new SpecError(path(at, error.getProperty()), required(error, owner));
      case "enum" -> new SpecError(path(at), "unknown " + noun(owner, at) + " '" + value.asText() + "'; use "
          + alternatives(owner.get("enum")));
      case "pattern" -> new SpecError(path(at), "'" + value.asText() + "' "
          + annotation(trail, "patternErrorMessage", "does not have the expected form " + owner.path("pattern").asText()));
      case "type" -> new SpecError(path(at), owner.path("errorMessage").asText("must be " + expected(owner.get("type")))
          + ", not " + value);
      case "minimum", "maximum" -> new SpecError(path(at), range(owner) + ", not " + value);
      case "minLength" -> new SpecError(path(at), "must not be empty");
      case "minItems", "maxItems" -> new SpecError(path(at), annotation(trail, "errorMessage",
          count(error.getKeyword(), owner)) + "; this runbook has " + value.size());
      case "minProperties" -> new SpecError(path(at), annotation(trail, "errorMessage",
          "needs at least " + owner.path("minProperties").asInt() + " entry"));
      default -> new SpecError(path(at), error.getMessage());
    };
  }

  private SpecError unknownKey(List<Object> at, JsonNode owner, String key) {
    List<String> allowed = new ArrayList<>();
    owner.path("properties").fieldNames().forEachRemaining(allowed::add);
    String message = allowed.contains(key + "Secret")
        ? "secrets are never written inline; put the secret's name in " + key + "Secret"
        : "unknown key; allowed keys: " + String.join(", ", allowed);
    return new SpecError(path(at, key), message);
  }

  /**
   * {@code required}, and when a condition of the schema asks for it ({@code if strategy is canary then ...}), by
   * what, with the reason the schema gives there.
   */
  private String required(Error error, JsonNode owner) {
    String evaluation = error.getEvaluationPath().toString();
    int then = evaluation.lastIndexOf("/then");
    StringBuilder message = new StringBuilder("required");
    JsonNode field = owner.path("properties").path(error.getProperty());
    if (then >= 0) {
      JsonNode condition = document.at(evaluation.substring(0, then) + "/if");
      message.append(" by ").append(String.join(" and ", conditions(condition, "")));
      if (field.has("description")) {
        message.append(": ").append(field.get("description").asText());
      }
    } else {
      JsonNode definition = field.has("$ref") ? document.at(field.get("$ref").asText().substring(1)) : field;
      if (definition.has("enum")) {
        message.append("; use ").append(alternatives(definition.get("enum")));
      }
    }
    return message.toString();
  }

  /** The constants an {@code if} tests, as people say them: "the canary strategy", "the nginx provider". */
  private static List<String> conditions(JsonNode condition, String key) {
    List<String> said = new ArrayList<>();
    if (condition.has("const")) {
      said.add("the " + condition.get("const").asText() + " " + key);
    }
    condition.path("properties").fields().forEachRemaining(p -> said.addAll(conditions(p.getValue(), p.getKey())));
    return said;
  }

  /**
   * The nearest text of this annotation on the failing schema or on what refers to it, up to the field it belongs
   * to: a definition's message, or the one a field gives where it uses the definition.
   */
  private static String annotation(List<JsonNode> trail, String name, String fallback) {
    for (int i = trail.size() - 2; i >= 0; i--) {
      if (trail.get(i).has(name)) {
        return trail.get(i).get(name).asText();
      }
      boolean reachedByReference = i > 0 && trail.get(i - 1).has("$ref");
      if (!reachedByReference) {
        break;
      }
    }
    return fallback;
  }

  /** The schema nodes an evaluation path passes through, following {@code $ref}s; the last is the keyword's value. */
  private List<JsonNode> trail(NodePath evaluation) {
    List<JsonNode> trail = new ArrayList<>();
    JsonNode node = document;
    trail.add(node);
    for (Object element : elements(evaluation)) {
      if ("$ref".equals(element)) {
        node = document.at(node.get("$ref").asText().substring(1));
        trail.add(node);
        continue;
      }
      node = element instanceof Integer index ? node.path(index) : node.path((String) element);
      trail.add(node);
    }
    return trail;
  }

  private static String noun(JsonNode owner, List<Object> at) {
    if (owner.has("title")) {
      return owner.get("title").asText();
    }
    return at.isEmpty() ? "value" : String.valueOf(at.getLast());
  }

  private static String range(JsonNode owner) {
    if (owner.has("minimum") && owner.has("maximum")) {
      return "must be between " + owner.get("minimum").asText() + " and " + owner.get("maximum").asText();
    }
    return owner.has("minimum") ? "must be at least " + owner.get("minimum").asText()
        : "must be at most " + owner.get("maximum").asText();
  }

  private static String count(String keyword, JsonNode owner) {
    return keyword.equals("minItems") ? "needs at least " + owner.path("minItems").asInt() + " item(s)"
        : "takes at most " + owner.path("maxItems").asInt() + " item(s)";
  }

  private static String expected(JsonNode type) {
    if (type == null) {
      return "something else";
    }
    List<String> kinds = type.isArray()
        ? StreamSupport.stream(type.spliterator(), false).map(JsonNode::asText).toList() : List.of(type.asText());
    List<String> said = kinds.stream().map(kind -> switch (kind) {
      case "string" -> "text";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "object" -> "a mapping of keys to values";
      case "array" -> "a list";
      default -> kind;
    }).toList();
    return said.size() == 1 ? said.getFirst()
        : String.join(", ", said.subList(0, said.size() - 1)) + " or " + said.getLast();
  }

  static String alternatives(JsonNode values) {
    List<String> names = StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText).toList();
    if (names.size() == 2) {
      return names.get(0) + " or " + names.get(1);
    }
    return "one of " + String.join(", ", names);
  }

  /** A JSON pointer's elements: property names and list positions. */
  static List<Object> elements(NodePath path) {
    List<Object> elements = new ArrayList<>();
    for (int i = 0; i < path.getNameCount(); i++) {
      elements.add(path.getElement(i));
    }
    return elements;
  }

  /** {@code stages[1].thresholds.errorRate}. */
  static String path(List<Object> elements, String... more) {
    StringBuilder path = new StringBuilder();
    List<Object> all = new ArrayList<>(elements);
    all.addAll(List.of(more));
    for (Object element : all) {
      if (element instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(element);
      }
    }
    return path.toString();
  }
}
