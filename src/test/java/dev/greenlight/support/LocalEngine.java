package dev.greenlight.support;

import dev.greenlight.engine.embedded.EmbeddedEngine;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Greenlight's embedded Zeebe engine on a free loopback port with a gRPC client connected to it, for tests that need
 * the engine without the Spring application: throw-away, or durable on a directory the test owns.
 */
public record LocalEngine(int port, EmbeddedEngine engine, CamundaClient client) implements AutoCloseable {

  public static LocalEngine start() {
    return start(null);
  }

  /** @param dataDirectory where a durable engine keeps its data; null for a throw-away engine */
  public static LocalEngine start(Path dataDirectory) {
    int port = FreePort.onLoopback();
    EmbeddedEngine engine = EmbeddedEngine.create(new EmbeddedEngine.Settings(port, dataDirectory,
        Duration.ofMinutes(5)));
    engine.start();
    CamundaClient client = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + port))
        .preferRestOverGrpc(false)
        .build();
    return new LocalEngine(port, engine, client);
  }

  @Override
  public void close() {
    client.close();
    engine.stop();
  }
}
