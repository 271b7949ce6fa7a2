package dev.greenlight.spec;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.runbooks.*}.
 *
 * @param directory where the registered runbooks are, one {@code NAME.yaml} each (default {@code runbooks})
 * @param inline whether a rollout may be started from an inline spec sent with the request (by a holder of
 *     {@code greenlight.security.runbook-author-roles}); default false: runbooks come from the directory, which a team
 *     reviews like the rest of its deployment code
 */
@ConfigurationProperties(prefix = "greenlight.runbooks")
public record RunbookProperties(Path directory, boolean inline) {

  public RunbookProperties {
    directory = directory == null ? Path.of("runbooks") : directory;
  }
}
