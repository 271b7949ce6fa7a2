package dev.greenlight.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The reference tables of {@code docs/runbook-spec.md}, rendered from {@code docs/runbook.schema.json}: one row per
 * field with its type (and unit), whether and when it is required, its default and its meaning. The docs hold these
 * renderings between {@code <!-- schema:SECTION -->} markers, so docs and schema cannot disagree.
 */
final class SchemaTables {

  /** The runbook's fields by path ({@code stages[].interval}), each with what the table shows. */
  record Field(String path, String type, String required, String defaultValue, String meaning) {}

  private final RunbookSchema schema = RunbookSchema.get();
  private final Map<String, List<String>> conditions = new LinkedHashMap<>();

  SchemaTables() {
    collectConditions(schema.document(), "");
  }

  /** The markdown table of a section: {@code ""} for the top level, else a top-level key. */
  String table(String section) {
    List<Field> fields = section.isEmpty() ? topLevel() : fields(section);
    StringBuilder table = new StringBuilder("| key | type | required | default | meaning |\n|---|---|---|---|---|\n");
    for (Field field : fields) {
      String key = section.isEmpty() ? field.path() : field.path().substring(prefix(section).length());
      table.append("| `").append(key).append("` | ").append(field.type()).append(" | ").append(field.required())
          .append(" | ").append(field.defaultValue()).append(" | ").append(field.meaning().replace("|", "\\|"))
          .append(" |\n");
    }
    return table.toString();
  }

  private static String prefix(String section) {
    JsonNode node = RunbookSchema.get().resolve(RunbookSchema.get().at(section));
    return node.path("type").asText().equals("array") ? section + "[]." : section + ".";
  }

  List<Field> topLevel() {
    List<Field> fields = new ArrayList<>();
    schema.keysOf("").forEach(key -> fields.add(field(key, schema.at(key), schema.document())));
    return fields;
  }

  /** Every leaf field under a section, nested sections flattened into dotted paths. */
  List<Field> fields(String section) {
    List<Field> fields = new ArrayList<>();
    JsonNode node = schema.at(section);
    JsonNode resolved = schema.resolve(node);
    if (resolved.path("type").asText().equals("array")) {
      collect(section + "[]", schema.resolve(resolved.get("items")), fields);
    } else {
      collect(section, resolved, fields);
    }
    return fields;
  }

  private void collect(String path, JsonNode object, List<Field> fields) {
    object.path("properties").fields().forEachRemaining(property -> {
      String child = path + "." + property.getKey();
      JsonNode resolved = schema.resolve(property.getValue());
      if (isSection(resolved)) {
        collect(child, resolved, fields);
      } else if (resolved.path("type").asText().equals("array") && isSection(schema.resolve(resolved.get("items")))) {
        collect(child + "[]", schema.resolve(resolved.get("items")), fields);
      } else if (resolved.path("additionalProperties").isObject()
          && isSection(schema.resolve(resolved.get("additionalProperties")))) {
        fields.add(field(child, property.getValue(), object));
        collect(child + ".NAME", schema.resolve(resolved.get("additionalProperties")), fields);
      } else {
        fields.add(field(child, property.getValue(), object));
      }
    });
  }

  private static boolean isSection(JsonNode node) {
    return node.path("type").asText().equals("object") && node.has("properties")
        && !node.path("additionalProperties").isObject() && !node.has("default");
  }

  private Field field(String path, JsonNode property, JsonNode parent) {
    JsonNode resolved = schema.resolve(property);
    String key = path.substring(path.lastIndexOf('.') + 1);
    String required;
    if (contains(parent.path("required"), key)) {
      required = "yes";
    } else if (conditions.containsKey(path)) {
      required = String.join(", ", conditions.get(path));
    } else {
      required = "no";
    }
    JsonNode fallback = property.has("default") ? property.get("default") : resolved.get("default");
    String meaning = property.has("description") ? property.get("description").asText()
        : resolved.path("description").asText("");
    return new Field(path, type(property), required, fallback == null ? "" : "`" + yaml(fallback) + "`", meaning);
  }

  /** The type as people read it, with its unit. */
  private String type(JsonNode property) {
    if (property.has("$ref")) {
      String definition = property.get("$ref").asText().substring("#/definitions/".length());
      return switch (definition) {
        case "duration" -> "duration (ISO-8601)";
        case "threshold" -> "threshold";
        case "thresholds" -> "query name → threshold";
        case "httpUrl" -> "http(s) URL";
        case "secretName" -> "secret name";
        case "command" -> "argument list";
        case "texts" -> "list of text";
        case "text" -> "text";
        case "scalar" -> "true/false, number or text";
        default -> type(schema.resolve(property));
      };
    }
    if (property.has("enum")) {
      return StreamSupport.stream(property.get("enum").spliterator(), false).map(JsonNode::asText)
          .collect(Collectors.joining(" \\| "));
    }
    String type = property.path("type").asText();
    return switch (type) {
      case "integer" -> property.has("minimum") && property.has("maximum")
          ? "integer " + property.get("minimum").asText() + "–" + property.get("maximum").asText()
          : property.has("minimum") ? "integer ≥ " + property.get("minimum").asText() : "integer";
      case "boolean" -> "true/false";
      case "string" -> property.has("pattern") ? "text (pattern)" : "text";
      case "object" -> property.path("additionalProperties").has("$ref")
          ? "map of " + type(property.get("additionalProperties")) : "mapping";
      case "array" -> "list of " + type(property.get("items"));
      default -> type;
    };
  }

  /**
   * Where the schema requires a field under a condition ({@code if strategy is canary then ...}, {@code if provider is
   * http then ...}): the field's path → the conditions, as "canary" or "http provider".
   */
  private void collectConditions(JsonNode node, String path) {
    JsonNode resolved = schema.resolve(node);
    for (JsonNode rule : resolved.path("allOf")) {
      String condition = String.join(" with ", said(rule.get("if"), ""));
      requiredIn(rule.get("then"), path, condition);
    }
    resolved.path("properties").fields().forEachRemaining(property ->
        collectConditions(property.getValue(), join(path, property.getKey())));
    JsonNode items = resolved.path("items");
    if (items.isObject()) {
      collectConditions(items, path + "[]");
    }
    if (resolved.path("additionalProperties").isObject()) {
      collectConditions(resolved.get("additionalProperties"), path + ".NAME");
    }
  }

  private void requiredIn(JsonNode then, String path, String condition) {
    then.path("required").forEach(key -> conditions.computeIfAbsent(join(path, key.asText()), k -> new ArrayList<>())
        .add(condition));
    then.path("properties").fields().forEachRemaining(p -> requiredIn(p.getValue(), join(path, p.getKey()), condition));
    if (then.path("items").isObject()) {
      requiredIn(then.get("items"), path + "[]", condition);
    }
    if (then.path("additionalProperties").isObject()) {
      requiredIn(then.get("additionalProperties"), path + ".NAME", condition);
    }
  }

  private static List<String> said(JsonNode condition, String key) {
    List<String> said = new ArrayList<>();
    if (condition.has("const")) {
      said.add(key.equals("strategy") ? condition.get("const").asText()
          : condition.get("const").asText() + " " + key);
    }
    condition.path("properties").fields().forEachRemaining(p -> said.addAll(said(p.getValue(), p.getKey())));
    return said;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static boolean contains(JsonNode list, String value) {
    return StreamSupport.stream(list.spliterator(), false).anyMatch(item -> item.asText().equals(value));
  }

  /** A default as it would be written in YAML: {@code PT15M}, {@code [nginx, -t]}, {@code {P1: PT5M}}. */
  static String yaml(JsonNode value) {
    if (value.isArray()) {
      return StreamSupport.stream(value.spliterator(), false).map(SchemaTables::yaml)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    if (value.isObject()) {
      List<String> entries = new ArrayList<>();
      value.fields().forEachRemaining(e -> entries.add(e.getKey() + ": " + yaml(e.getValue())));
      return "{" + String.join(", ", entries) + "}";
    }
    return value.asText();
  }
}
