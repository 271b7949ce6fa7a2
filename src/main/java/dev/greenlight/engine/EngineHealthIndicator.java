package dev.greenlight.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Topology;
import java.time.Duration;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component "engine": up when the Zeebe gateway answers a topology request. */
@Component("engine")
public class EngineHealthIndicator extends AbstractHealthIndicator {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final CamundaClient client;
  private final EngineProperties properties;

  public EngineHealthIndicator(CamundaClient client, EngineProperties properties) {
    super("The Zeebe engine did not answer");
    this.client = client;
    this.properties = properties;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    health.withDetail("mode", properties.mode().name().toLowerCase())
        .withDetail("gateway", String.valueOf(client.getConfiguration().getGrpcAddress()));
    Topology topology = client.newTopologyRequest().useGrpc().requestTimeout(TIMEOUT).send().join();
    health.up()
        .withDetail("brokers", topology.getBrokers().size())
        .withDetail("partitions", topology.getPartitionsCount())
        .withDetail("gatewayVersion", topology.getGatewayVersion());
  }
}
