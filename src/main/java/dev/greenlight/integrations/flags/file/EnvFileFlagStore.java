package dev.greenlight.integrations.flags.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.greenlight.integrations.AtomicFile;
import dev.greenlight.integrations.flags.FlagStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An env file of {@code KEY=value} lines that the service reads. Values are text. Lines of other keys, comments and
 * their order are kept; a changed key is rewritten in place, a new one appended. The file is replaced atomically.
 */
public class EnvFileFlagStore implements FlagStore {

  private final Path file;

  public EnvFileFlagStore(Path file) {
    this.file = file;
  }

  @Override
  public Map<String, JsonNode> read(Set<String> names) {
    Map<String, String> present = new LinkedHashMap<>();
    for (String line : lines()) {
      Assignment assignment = Assignment.parse(line);
      if (assignment != null) {
        present.put(assignment.key(), assignment.value());
      }
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    names.forEach(name -> values.put(name,
        present.containsKey(name) ? TextNode.valueOf(present.get(name)) : NullNode.getInstance()));
    return values;
  }

  @Override
  public void write(Map<String, JsonNode> values) {
    values.forEach(EnvFileFlagStore::requireWritable);
    Map<String, JsonNode> pending = new LinkedHashMap<>(values);
    List<String> written = new ArrayList<>();
    for (String line : lines()) {
      Assignment assignment = Assignment.parse(line);
      if (assignment == null || !pending.containsKey(assignment.key())) {
        written.add(line);
        continue;
      }
      JsonNode value = pending.remove(assignment.key());
      if (!value.isNull()) {
        written.add(assignment.key() + "=" + value.asText());
      }
    }
    pending.forEach((name, value) -> {
      if (!value.isNull()) {
        written.add(name + "=" + value.asText());
      }
    });
    AtomicFile.write(file, String.join("\n", written) + "\n");
  }

  private static void requireWritable(String name, JsonNode value) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("Flag name '" + name + "' cannot be a key in an env file: use letters, "
          + "digits and underscores (fix flags.names in the runbook)");
    }
    if (value.isContainerNode() || value.asText().contains("\n")) {
      throw new IllegalArgumentException("Flag " + name + " cannot hold " + value + " in an env file: "
          + "only single-line text, numbers and booleans fit on a KEY=value line");
    }
  }

  private List<String> lines() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read flag file " + file + ": " + e.getMessage(), e);
    }
  }

  /** One {@code KEY=value} line (an optional {@code export} prefix and surrounding quotes are understood). */
  private record Assignment(String key, String value) {

    static Assignment parse(String line) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
        return null;
      }
      if (trimmed.startsWith("export ")) {
        trimmed = trimmed.substring("export ".length()).strip();
      }
      int equals = trimmed.indexOf('=');
      return new Assignment(trimmed.substring(0, equals).strip(), unquoted(trimmed.substring(equals + 1).strip()));
    }

    private static String unquoted(String value) {
      boolean quoted = value.length() >= 2
          && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"));
      return quoted ? value.substring(1, value.length() - 1) : value;
    }
  }
}
