package dev.greenlight.bounds;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.files.*}: where runbooks may make Greenlight write (database backups, flag files, nginx upstream
 * files).
 *
 * @param allowedRoots files are written only under these directories (their real paths); default {@code backups},
 *     relative to Greenlight's working directory
 */
@ConfigurationProperties(prefix = "greenlight.files")
public record FileProperties(List<Path> allowedRoots) {

  public static final Path DEFAULT_ROOT = Path.of("backups");

  public FileProperties {
    allowedRoots = allowedRoots == null ? List.of(DEFAULT_ROOT) : List.copyOf(allowedRoots);
  }
}
