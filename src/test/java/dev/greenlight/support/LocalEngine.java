package dev.greenlight.support;

import dev.greenlight.engine.InMemoryEngineInternals;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import java.net.URI;

/**
 * The in-memory Zeebe engine on a free loopback port with a gRPC client connected to it, for tests that need the engine
 * without the Spring application. Started the way embedded mode starts it: gateway bound to loopback only.
 */
public record LocalEngine(int port, ZeebeTestEngine engine, InMemoryEngineInternals internals, CamundaClient client)
    implements AutoCloseable {

  public static LocalEngine start() {
    int port = FreePort.onLoopback();
    ZeebeTestEngine engine = EngineFactory.create(port);
    InMemoryEngineInternals internals = InMemoryEngineInternals.of(engine);
    internals.bindGatewayToLoopback(port);
    engine.start();
    CamundaClient client = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + port))
        .preferRestOverGrpc(false)
        .build();
    return new LocalEngine(port, engine, internals, client);
  }

  @Override
  public void close() {
    client.close();
    engine.stop();
  }
}
