package dev.greenlight.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Error;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads runbook specs: YAML (or a JSON tree, or a spec object to re-check) into a validated {@link RunbookSpec} with
 * the schema's defaults applied, or an {@link InvalidRunbookException} listing every error by path. The shape is the
 * {@link RunbookSchema}'s to judge, the rules across fields {@link SpecRules}'. Needs no Spring, so
 * {@code greenlight lint} runs offline.
 */
@Component
public final class SpecReader {

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();
  /** Writes a spec back as the tree it was read from: durations as ISO-8601 text, thresholds and enums as written. */
  private static final ObjectMapper TREE = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      // the schema has rejected unknown keys already; a field the schema has and the records not yet is left out
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final RunbookSchema schema = RunbookSchema.get();

  /** Reads a runbook file; errors name the file. */
  public RunbookSpec read(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidRunbookException(file.toString(), List.of(new SpecError("", "cannot read the file: " + e)));
    }
    return readYaml(yaml, file.toString());
  }

  /** Reads YAML text; {@code source} names it in the exception's message. */
  public RunbookSpec readYaml(String yaml, String source) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new InvalidRunbookException(source, List.of(new SpecError("", "not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"))));
    }
    return read(tree, source);
  }

  /**
   * Checks a tree (YAML read elsewhere, or an inline spec object of the REST API) against the schema and the rules,
   * and binds it with the defaults filled in. What the schema finds wrong is left out before the rules run, so one
   * pass reports every error without a wrong value causing a second, confusing one.
   */
  public RunbookSpec read(JsonNode tree, String source) {
    if (tree == null || tree.isNull() || tree.isMissingNode()) {
      throw new InvalidRunbookException(source, List.of(new SpecError("", "the runbook is empty")));
    }
    JsonNode runbook = RunbookSchema.withoutNulls(tree);
    List<Error> shapeErrors = schema.validate(runbook);
    List<SpecError> errors = new ArrayList<>(shapeErrors.stream().map(schema::message).distinct().toList());
    if (!runbook.isObject()) {
      throw new InvalidRunbookException(source, errors);
    }
    RunbookSpec spec = bind(schema.withDefaults(RunbookSchema.withoutErrors(runbook, shapeErrors)), source);
    SpecRules.check(spec, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRunbookException(source, errors);
    }
    return spec;
  }

  /** The normalized tree (defaults in) as the records; the schema has made sure every value fits its field. */
  private static RunbookSpec bind(JsonNode normalized, String source) {
    try {
      return TREE.treeToValue(normalized, RunbookSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The runbook " + source + " passed the schema but does not fit the spec records;"
          + " the schema and the records disagree: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Checks a spec that arrived as an object (a {@link RunbookSpec}, or a process variable's map) exactly as if it had
   * been read from YAML.
   */
  public RunbookSpec recheck(Object value, String source) {
    return read(TREE.valueToTree(value), source);
  }
}
