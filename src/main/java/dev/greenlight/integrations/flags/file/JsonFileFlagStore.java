package dev.greenlight.integrations.flags.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.integrations.AtomicFile;
import dev.greenlight.integrations.flags.FlagStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A JSON file holding one object of flag name → value that the service reads; other keys are kept. */
public class JsonFileFlagStore implements FlagStore {

  private final Path file;
  private final ObjectMapper json;

  public JsonFileFlagStore(Path file, ObjectMapper json) {
    this.file = file;
    this.json = json;
  }

  @Override
  public Map<String, JsonNode> read(Set<String> names) {
    ObjectNode flags = load();
    Map<String, JsonNode> values = new LinkedHashMap<>();
    names.forEach(name -> values.put(name, flags.has(name) ? flags.get(name) : NullNode.getInstance()));
    return values;
  }

  @Override
  public void write(Map<String, JsonNode> values) {
    ObjectNode flags = load();
    values.forEach((name, value) -> {
      if (value.isNull()) {
        flags.remove(name);
      } else {
        flags.set(name, value);
      }
    });
    try {
      AtomicFile.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(flags) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write flag file " + file + ": " + e.getMessage(), e);
    }
  }

  private ObjectNode load() {
    if (!Files.exists(file)) {
      return json.createObjectNode();
    }
    try {
      JsonNode content = json.readTree(file.toFile());
      if (content == null || content.isMissingNode()) {
        return json.createObjectNode();
      }
      if (!content.isObject()) {
        throw new IllegalStateException("Flag file " + file + " must hold a JSON object of flag name to value, "
            + "it holds " + content.getNodeType());
      }
      return (ObjectNode) content;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read flag file " + file + " as JSON: " + e.getMessage(), e);
    }
  }
}
