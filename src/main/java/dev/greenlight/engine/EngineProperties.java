package dev.greenlight.engine;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.engine.*}: which engine Greenlight runs on.
 *
 * @param mode embedded (default) or remote
 * @param embedded settings of the embedded engine; ignored in remote mode
 */
@ConfigurationProperties(prefix = "greenlight.engine")
public record EngineProperties(EngineMode mode, Embedded embedded) {

  public static final String MODE = "greenlight.engine.mode";
  public static final String EMBEDDED_PORT = "greenlight.engine.embedded.port";
  public static final String EMBEDDED_LICENSED = "greenlight.engine.embedded.licensed";
  public static final String EMBEDDED_DATA_DIRECTORY = "greenlight.engine.embedded.data-directory";
  public static final String EMBEDDED_THROW_AWAY = "greenlight.engine.embedded.throw-away";

  public EngineProperties {
    mode = mode == null ? EngineMode.EMBEDDED : mode;
    embedded = embedded == null ? new Embedded(0, false, null, false, null) : embedded;
  }

  /**
   * @param port loopback gRPC port of the embedded engine; 0 picks a free one at start-up
   * @param licensed the operator holds a Camunda licence that covers the engine's production use (its Camunda
   *     License 1.0 allows only non-production use); only changes what Greenlight says, never what it does
   * @param dataDirectory where the engine keeps its log and state, and the read models their checkpoint (default
   *     {@code data}, relative to the working directory)
   * @param throwAway keep nothing: the engine runs on a temporary directory deleted when Greenlight stops (the demo,
   *     tests and rehearsals); the data directory is not used
   * @param snapshotPeriod how often the durable engine snapshots its state and compacts its log (default 5 minutes)
   */
  public record Embedded(int port, boolean licensed, Path dataDirectory, boolean throwAway, Duration snapshotPeriod) {
    public Embedded {
      dataDirectory = dataDirectory == null ? Path.of("data") : dataDirectory;
      snapshotPeriod = snapshotPeriod == null ? Duration.ofMinutes(5) : snapshotPeriod;
      if (snapshotPeriod.isNegative() || snapshotPeriod.isZero()) {
        throw new IllegalArgumentException("greenlight.engine.embedded.snapshot-period must be positive, e.g. PT5M");
      }
    }

    /** The read models' checkpoint, beside the engine's data; none when the engine is throw-away. */
    Path readModelCheckpoint() {
      return throwAway ? null : dataDirectory.resolve("read-models.json");
    }
  }
}
