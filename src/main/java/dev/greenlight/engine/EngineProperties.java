package dev.greenlight.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.engine.*}: which engine Greenlight runs on.
 *
 * @param mode embedded (default) or remote
 * @param embedded settings of the in-memory engine; ignored in remote mode
 */
@ConfigurationProperties(prefix = "greenlight.engine")
public record EngineProperties(EngineMode mode, Embedded embedded) {

  public static final String MODE = "greenlight.engine.mode";
  public static final String EMBEDDED_PORT = "greenlight.engine.embedded.port";

  public EngineProperties {
    mode = mode == null ? EngineMode.EMBEDDED : mode;
    embedded = embedded == null ? new Embedded(0) : embedded;
  }

  /** @param port loopback gRPC port of the in-memory engine; 0 picks a free one at start-up */
  public record Embedded(int port) {}
}
