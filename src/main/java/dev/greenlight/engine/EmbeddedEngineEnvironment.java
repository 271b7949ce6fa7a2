package dev.greenlight.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In embedded mode, fixes the engine's port before any bean exists and points the Camunda client at it over gRPC
 * (the in-memory engine has no REST API). Runs before the client's auto-configuration reads its properties.
 */
public class EmbeddedEngineEnvironment implements EnvironmentPostProcessor {

  static final String PROPERTY_SOURCE = "greenlightEmbeddedEngine";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    EngineMode mode = environment.getProperty(EngineProperties.MODE, EngineMode.class, EngineMode.EMBEDDED);
    if (mode != EngineMode.EMBEDDED) {
      return;
    }
    int port = environment.getProperty(EngineProperties.EMBEDDED_PORT, Integer.class, 0);
    if (port == 0) {
      port = freeLoopbackPort();
    }
    environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(
        EngineProperties.EMBEDDED_PORT, port,
        "camunda.client.mode", "self-managed",
        "camunda.client.grpc-address", "http://127.0.0.1:" + port,
        "camunda.client.prefer-rest-over-grpc", false,
        // the starter's own health check asks the REST API, which the in-memory engine does not have
        "management.health.camunda.enabled", false)));
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free loopback port for the embedded Zeebe engine", e);
    }
  }
}
