package dev.greenlight.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The demo's two runbooks, shipped in the jar ({@code demo/*.yaml}): registered in the demo's runbooks directory with
 * the demo service's addresses filled in, and started by name, as a team's reviewed runbooks are.
 */
final class DemoRunbooks {

  static final String FEATURE_FLAG = "catalog-feature-flag";
  static final String CANARY = "catalog-canary";
  private static final Map<String, String> RESOURCES = Map.of(
      FEATURE_FLAG, "demo/feature-flag.yaml",
      CANARY, "demo/canary.yaml");

  private DemoRunbooks() {}

  /** Writes the runbook {@code name} into {@code directory} as {@code name.yaml}. */
  static void register(String name, Map<String, String> values, Path directory) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(name + ".yaml"), text(RESOURCES.get(name), values));
    } catch (IOException e) {
      throw new UncheckedIOException("Registering the demo runbook " + name + " in " + directory + " failed", e);
    }
  }

  private static String text(String resource, Map<String, String> values) {
    String yaml;
    try (InputStream in = DemoRunbooks.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("The demo runbook " + resource + " is missing from the jar; rebuild it");
      }
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the demo runbook " + resource + " failed", e);
    }
    for (Map.Entry<String, String> value : values.entrySet()) {
      yaml = yaml.replace("${" + value.getKey() + "}", value.getValue());
    }
    return yaml;
  }
}
