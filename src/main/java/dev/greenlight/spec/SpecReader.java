package dev.greenlight.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads runbook specs: YAML (or a JSON tree, or a spec object to re-check) into a validated {@link RunbookSpec} with
 * defaults applied, or an {@link InvalidRunbookException} listing every error by path. Needs no Spring, so
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
      .build();

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

  /** Binds and checks a tree (YAML read elsewhere, or an inline spec object of the REST API). */
  public RunbookSpec read(JsonNode tree, String source) {
    List<SpecError> errors = new ArrayList<>();
    RunbookSpec spec = RunbookBinder.bind(SpecNode.root(tree, errors));
    if (spec != null) {
      SpecRules.check(spec, errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidRunbookException(source, errors);
    }
    return spec;
  }

  /**
   * Checks a spec that arrived as an object (a {@link RunbookSpec}, or a process variable's map) exactly as if it had
   * been read from YAML.
   */
  public RunbookSpec recheck(Object value, String source) {
    return read(TREE.valueToTree(value), source);
  }
}
