package dev.greenlight.bounds;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.commands.*}: the programs runbooks may run (release, migration and nginx commands).
 *
 * @param allowedDirectories programs under these directories may run (their real paths, so no {@code ..} or symlink
 *     leads out); default: the runbooks directory's {@code scripts/}
 * @param allowedExecutables programs outside those directories, and shells anywhere, that may run with any arguments:
 *     absolute paths or names looked up on Greenlight's PATH, e.g. {@code nginx}; default none
 */
@ConfigurationProperties(prefix = "greenlight.commands")
public record CommandProperties(List<Path> allowedDirectories, List<String> allowedExecutables) {

  /** The scripts directory of the runbooks directory: reviewed together with the runbooks that call them. */
  public static final String DEFAULT_DIRECTORY = "scripts";

  public CommandProperties {
    allowedDirectories = allowedDirectories == null ? null : List.copyOf(allowedDirectories);
    allowedExecutables = allowedExecutables == null ? List.of() : List.copyOf(allowedExecutables);
  }

  /** The configured directories, or the default under the runbooks directory. */
  List<Path> directories(Path runbooksDirectory) {
    return allowedDirectories == null ? List.of(runbooksDirectory.resolve(DEFAULT_DIRECTORY)) : allowedDirectories;
  }
}
