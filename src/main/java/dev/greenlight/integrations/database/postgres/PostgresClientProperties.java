package dev.greenlight.integrations.database.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.database.postgres.*}: the PostgreSQL client programs Greenlight runs.
 *
 * @param clientDirectory where {@code pg_dump} and {@code pg_restore} are (default {@code /usr/bin}); their major
 *     version must be at least the server's
 * @param timeout longest a single dump or restore may run (default 90 minutes, within the workers' job timeout)
 */
@ConfigurationProperties(prefix = "greenlight.database.postgres")
public record PostgresClientProperties(Path clientDirectory, Duration timeout) {

  public PostgresClientProperties {
    clientDirectory = clientDirectory == null ? Path.of("/usr/bin") : clientDirectory;
    timeout = timeout == null ? Duration.ofMinutes(90) : timeout;
  }

  /** The path of a client program, checked to be there and executable. */
  public Path program(String name) {
    Path program = clientDirectory.resolve(name);
    if (!Files.isExecutable(program)) {
      throw new IllegalStateException(name + " was not found at " + program + ": install the PostgreSQL client"
          + " programs (Debian/Ubuntu: apt-get install postgresql-client) with a major version at least the server's,"
          + " or set greenlight.database.postgres.client-directory to where they are");
    }
    return program;
  }
}
