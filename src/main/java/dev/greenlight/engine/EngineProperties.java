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
  public static final String EMBEDDED_LICENSED = "greenlight.engine.embedded.licensed";

  public EngineProperties {
    mode = mode == null ? EngineMode.EMBEDDED : mode;
    embedded = embedded == null ? new Embedded(0, false) : embedded;
  }

  /**
   * @param port loopback gRPC port of the in-memory engine; 0 picks a free one at start-up
   * @param licensed the operator holds a Camunda licence that covers the engine's production use (its Camunda
   *     License 1.0 allows only non-production use); only changes what Greenlight says, never what it does
   */
  public record Embedded(int port, boolean licensed) {}
}
