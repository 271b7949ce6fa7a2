package dev.greenlight.processes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.greenlight.spec.RunbookSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runbooks made from the schema, per strategy: a complete runbook writes every field the schema has (values pointing at
 * the process tests' local stand-in); the minimal one is the complete one cut down to what the schema requires for that
 * strategy and those providers, so every default is relied on; and for each section the strategy may leave out, the
 * minimal runbook with that section present in its own minimal form. Which fields are required comes from the schema
 * alone, so a field added to the schema changes these runbooks without touching this class.
 */
final class SchemaRunbooks {

  /** One runbook to rehearse, named for the failure message. */
  record Variant(String name, String yaml) {}

  private static final YAMLMapper YAML = new YAMLMapper();
  private final RunbookSchema schema = RunbookSchema.get();

  /** The variants of a strategy made from its complete runbook. */
  List<Variant> variants(String strategy, String completeYaml) {
    ObjectNode complete = read(completeYaml);
    ObjectNode minimal = (ObjectNode) required(complete, List.of(schema.document()));
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant(strategy + ", minimal (every default relied on)", write(minimal)));
    complete.fieldNames().forEachRemaining(section -> {
      if (!minimal.has(section)) {
        ObjectNode withSection = minimal.deepCopy();
        withSection.set(section, requiredOf(complete, section));
        variants.add(new Variant(strategy + ", minimal with " + section, write(withSection)));
      }
    });
    variants.add(new Variant(strategy + ", every field written", write(complete)));
    return variants;
  }

  /** A section in its minimal form: only what the schema requires once the section is written. */
  private JsonNode requiredOf(ObjectNode complete, String section) {
    return required(complete, List.of(schema.document()), Set.of(section)).get(section);
  }

  /** The field paths a runbook writes: {@code stages[].interval}, {@code metrics.queries.NAME.unit}. */
  Set<String> paths(String yaml) {
    Set<String> paths = new LinkedHashSet<>();
    collect(read(yaml), "", List.of(schema.document()), paths);
    return paths;
  }

  private void collect(JsonNode value, String path, List<JsonNode> schemas, Set<String> paths) {
    if (!path.isEmpty()) {
      paths.add(path);
    }
    List<JsonNode> resolved = schemas.stream().map(schema::resolve).toList();
    if (value instanceof ObjectNode object) {
      object.fields().forEachRemaining(field -> {
        List<JsonNode> named = child(resolved, "properties", field.getKey());
        boolean free = named.isEmpty();
        List<JsonNode> children = free ? additional(resolved) : named;
        if (free && children.stream().noneMatch(c -> schema.resolve(c).has("properties"))) {
          return;
        }
        collect(field.getValue(), join(path, free ? "NAME" : field.getKey()), children, paths);
      });
    } else if (value instanceof ArrayNode array) {
      List<JsonNode> items = resolved.stream().filter(s -> s.path("items").isObject()).map(s -> s.get("items"))
          .toList();
      if (items.stream().anyMatch(i -> schema.resolve(i).has("properties"))) {
        array.forEach(item -> collect(item, path + "[]", items, paths));
      }
    }
  }

  private JsonNode required(JsonNode value, List<JsonNode> schemas) {
    return required(value, schemas, Set.of());
  }

  /**
   * The value cut down to what the schemas require of it: their {@code required} keys, and those of every
   * {@code if/then} whose condition the value meets; {@code keep} are top-level keys kept although optional.
   */
  private JsonNode required(JsonNode value, List<JsonNode> schemas, Set<String> keep) {
    List<JsonNode> applying = applying(value, schemas);
    if (value instanceof ObjectNode object) {
      Set<String> required = new LinkedHashSet<>(keep);
      applying.forEach(s -> s.path("required").forEach(key -> required.add(key.asText())));
      boolean freeKeys = applying.stream().noneMatch(s -> s.has("properties"));
      ObjectNode cut = object.objectNode();
      object.fields().forEachRemaining(field -> {
        List<JsonNode> named = child(applying, "properties", field.getKey());
        if (freeKeys) {
          cut.set(field.getKey(), required(field.getValue(), additional(applying)));
        } else if (required.contains(field.getKey())) {
          cut.set(field.getKey(), required(field.getValue(), named));
        }
      });
      return cut;
    }
    if (value instanceof ArrayNode array) {
      ArrayNode cut = array.arrayNode();
      for (int i = 0; i < array.size(); i++) {
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode s : applying) {
          JsonNode item = s.path("items");
          if (item.isObject()) {
            items.add(item);
          } else if (item.isArray() && i < item.size()) {
            items.add(item.get(i));
          }
        }
        cut.add(required(array.get(i), items));
      }
      return cut;
    }
    return value;
  }

  /** The schemas and, recursively, the {@code then} parts whose {@code if} the value meets. */
  private List<JsonNode> applying(JsonNode value, List<JsonNode> schemas) {
    List<JsonNode> applying = new ArrayList<>();
    for (JsonNode s : schemas) {
      JsonNode resolved = schema.resolve(s);
      applying.add(resolved);
      for (JsonNode rule : resolved.path("allOf")) {
        if (meets(value, rule.get("if"))) {
          applying.addAll(applying(value, List.of(rule.get("then"))));
        }
      }
    }
    return applying;
  }

  private static boolean meets(JsonNode value, JsonNode condition) {
    if (condition.has("const")) {
      return condition.get("const").equals(value);
    }
    for (JsonNode key : condition.path("required")) {
      if (value == null || !value.has(key.asText())) {
        return false;
      }
    }
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    condition.path("properties").fields().forEachRemaining(p -> properties.put(p.getKey(), p.getValue()));
    return properties.entrySet().stream()
        .allMatch(p -> value == null || !value.has(p.getKey()) || meets(value.get(p.getKey()), p.getValue()));
  }

  private List<JsonNode> child(List<JsonNode> schemas, String keyword, String key) {
    return schemas.stream().map(schema::resolve).filter(s -> s.path(keyword).has(key))
        .map(s -> s.get(keyword).get(key)).toList();
  }

  private List<JsonNode> additional(List<JsonNode> schemas) {
    return schemas.stream().map(schema::resolve).filter(s -> s.path("additionalProperties").isObject())
        .map(s -> s.get("additionalProperties")).toList();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static ObjectNode read(String yaml) {
    try {
      return (ObjectNode) YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(JsonNode runbook) {
    try {
      return YAML.writeValueAsString(runbook);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
