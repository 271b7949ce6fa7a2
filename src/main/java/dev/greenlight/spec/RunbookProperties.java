package dev.greenlight.spec;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param directory where the registered runbooks are, one {@code NAME.yaml} each (default {@code runbooks}) */
@ConfigurationProperties(prefix = "greenlight.runbooks")
public record RunbookProperties(Path directory) {

  public RunbookProperties {
    directory = directory == null ? Path.of("runbooks") : directory;
  }
}
