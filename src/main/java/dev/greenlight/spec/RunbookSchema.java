package dev.greenlight.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The runbook contract: {@code docs/runbook.schema.json}, shipped in the jar as it is published. Every field's type,
 * default, unit and the strategies that require it are written there once; lint, the start API and the load-runbook
 * job all read runbooks through it. Rules that compare fields with each other are {@link SpecRules}' job.
 */
public final class RunbookSchema {

  /** Where the published schema is on the classpath (the build copies {@code docs/runbook.schema.json} there). */
  public static final String RESOURCE = "runbook.schema.json";

  private static final RunbookSchema INSTANCE = load();

  private final JsonNode document;
  private final Schema schema;
  private final SchemaMessages messages;

  private RunbookSchema(JsonNode document) {
    this.document = document;
    // the messages editors show (VS Code's and yaml-language-server's extensions to JSON Schema) are SchemaMessages'
    Dialect dialect = Dialect.builder(Dialects.getDraft7())
        .keyword(new AnnotationKeyword("errorMessage"))
        .keyword(new AnnotationKeyword("patternErrorMessage"))
        .build();
    this.schema = SchemaRegistry.withDefaultDialect(dialect).getSchema(document);
    this.messages = new SchemaMessages(document);
  }

  public static RunbookSchema get() {
    return INSTANCE;
  }

  private static RunbookSchema load() {
    try (InputStream in = RunbookSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The runbook schema " + RESOURCE + " is missing from the classpath");
      }
      return new RunbookSchema(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("The runbook schema " + RESOURCE + " cannot be read", e);
    }
  }

  /** The schema document itself (for tests and generators that walk it). */
  public JsonNode document() {
    return document;
  }

  /** Every way a runbook tree (nulls already removed) departs from the schema. */
  List<Error> validate(JsonNode runbook) {
    return schema.validate(runbook);
  }

  /** An error by path, in the runbook's words. */
  SpecError message(Error error) {
    return messages.of(error);
  }

  /** The same tree without the parts the schema found wrong, so that what is right can still be checked. */
  static JsonNode withoutErrors(JsonNode runbook, List<Error> errors) {
    JsonNode pruned = runbook.deepCopy();
    for (Error error : errors) {
      List<Object> path = SchemaMessages.elements(error.getInstanceLocation());
      if (error.getKeyword().equals("additionalProperties") && error.getProperty() != null) {
        path.add(error.getProperty());
      } else if (error.getKeyword().equals("required")) {
        continue;
      }
      remove(pruned, path);
    }
    return pruned;
  }

  private static void remove(JsonNode tree, List<Object> path) {
    if (path.isEmpty()) {
      return;
    }
    JsonNode parent = tree;
    for (Object element : path.subList(0, path.size() - 1)) {
      parent = element instanceof Integer index ? parent.path(index) : parent.path((String) element);
    }
    Object last = path.getLast();
    if (parent instanceof ObjectNode object && last instanceof String key) {
      object.remove(key);
    } else if (parent instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
      array.set(index, array.nullNode());
    }
  }

  /** A copy without object entries whose value is null: a key written without a value counts as left out. */
  static JsonNode withoutNulls(JsonNode tree) {
    JsonNode copy = tree.deepCopy();
    dropNulls(copy);
    return copy;
  }

  private static void dropNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isNull()) {
          fields.remove();
        } else {
          dropNulls(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(RunbookSchema::dropNulls);
    }
  }

  /**
   * A copy with every default of the schema filled in where the runbook leaves the field out, and the fields of each
   * section in the schema's order: the normalized runbook the processes read.
   */
  JsonNode withDefaults(JsonNode runbook) {
    return filled(document, runbook);
  }

  private JsonNode filled(JsonNode schemaNode, JsonNode value) {
    JsonNode definition = resolve(schemaNode);
    if (value instanceof ObjectNode object) {
      ObjectNode result = object.objectNode();
      JsonNode properties = definition.path("properties");
      properties.fields().forEachRemaining(property -> {
        JsonNode written = object.get(property.getKey());
        JsonNode fallback = resolve(property.getValue()).has("default")
            ? resolve(property.getValue()).get("default") : property.getValue().get("default");
        if (written != null) {
          result.set(property.getKey(), filled(property.getValue(), written));
        } else if (fallback != null) {
          result.set(property.getKey(), filled(property.getValue(), fallback.deepCopy()));
        }
      });
      object.fields().forEachRemaining(entry -> {
        if (!properties.has(entry.getKey())) {
          JsonNode additional = definition.path("additionalProperties");
          result.set(entry.getKey(), additional.isObject() ? filled(additional, entry.getValue()) : entry.getValue());
        }
      });
      return result;
    }
    if (value instanceof ArrayNode array && definition.path("items").isObject()) {
      ArrayNode result = array.arrayNode();
      array.forEach(item -> result.add(item.isNull() ? item : filled(definition.get("items"), item)));
      return result;
    }
    return value;
  }

  /** The schema node a {@code $ref} points to, or the node itself. */
  public JsonNode resolve(JsonNode schemaNode) {
    JsonNode node = schemaNode;
    while (node.has("$ref")) {
      node = document.at(node.get("$ref").asText().substring(1));
    }
    return node;
  }

  /** The property names of a section, in the schema's order; path like {@code stages[].thresholds}. */
  public List<String> keysOf(String path) {
    List<String> keys = new ArrayList<>();
    resolve(at(path)).path("properties").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /**
   * The schema of a field by its runbook path: {@code release.deadline}, {@code stages[].interval},
   * {@code metrics.queries.*.unit} ({@code *} a free key).
   */
  public JsonNode at(String path) {
    JsonNode node = document;
    if (path.isEmpty()) {
      return node;
    }
    for (String part : path.split("\\.")) {
      boolean item = part.endsWith("[]");
      String key = item ? part.substring(0, part.length() - 2) : part;
      node = resolve(node);
      node = key.equals("*") ? node.path("additionalProperties") : node.path("properties").path(key);
      if (item) {
        node = resolve(node).path("items");
      }
      if (node.isMissingNode()) {
        throw new IllegalArgumentException("The runbook schema has no field " + path);
      }
    }
    return node;
  }
}
