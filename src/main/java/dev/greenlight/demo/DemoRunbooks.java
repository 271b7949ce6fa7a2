package dev.greenlight.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The demo's two runbooks, shipped in the jar ({@code demo/*.yaml}), with the demo service's addresses filled in. */
final class DemoRunbooks {

  static final String FEATURE_FLAG = "demo/feature-flag.yaml";
  static final String CANARY = "demo/canary.yaml";

  private DemoRunbooks() {}

  static String text(String resource, Map<String, String> values) {
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
