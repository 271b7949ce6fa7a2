package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.GreenlightServer;
import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.LocalEngine;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.DeploymentIntent;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Remote mode with the starter's own Self-Managed properties: no engine starts inside Greenlight, the client connects
 * to the configured cluster (here an engine outside the application, reached over gRPC like a real gateway), the
 * models are deployed there, and the health shows that cluster.
 */
@SpringBootTest(classes = GreenlightServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RemoteModeTest {

  static final LocalEngine CLUSTER = LocalEngine.start();

  @DynamicPropertySource
  static void remoteCluster(DynamicPropertyRegistry registry) {
    registry.add("greenlight.engine.mode", () -> "remote");
    registry.add("camunda.client.mode", () -> "self-managed");
    registry.add("camunda.client.grpc-address", () -> "http://127.0.0.1:" + CLUSTER.port());
    registry.add("camunda.client.rest-address", () -> "http://127.0.0.1:1");
    registry.add("camunda.client.prefer-rest-over-grpc", () -> "false");
    registry.add("management.health.camunda.enabled", () -> "false");
  }

  @AfterAll
  static void stopCluster() {
    CLUSTER.close();
  }

  @Autowired ApplicationContext context;
  @Autowired CamundaClient client;
  @Autowired TestRestTemplate http;

  @Test
  void noEmbeddedEngineStartsAndTheClientUsesTheConfiguredCluster() {
    assertThat(context.getBeanProvider(ZeebeTestEngine.class).getIfAvailable()).isNull();
    assertThat(client.getConfiguration().getGrpcAddress()).hasToString("http://127.0.0.1:" + CLUSTER.port());
  }

  @Test
  void theModelsAreDeployedToTheCluster() {
    assertThat(new EngineRecords(CLUSTER.engine()).all())
        .anyMatch(r -> r.getValueType() == ValueType.DEPLOYMENT && r.getIntent() == DeploymentIntent.CREATED);
  }

  @Test
  @SuppressWarnings("unchecked")
  void healthShowsRemoteModeAndTheClusterAnswering() {
    Map<String, Object> health = http.getForObject("/actuator/health", Map.class);
    Map<String, Object> engine = (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("engine");

    assertThat(engine).containsEntry("status", "UP");
    assertThat((Map<String, Object>) engine.get("details")).containsEntry("mode", "remote");
  }
}
