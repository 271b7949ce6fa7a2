package dev.greenlight.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientConfiguration;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Remote mode: a Camunda 8.8 cluster configured with the starter's {@code camunda.client.*} properties. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = EngineProperties.MODE, havingValue = "remote")
public class RemoteEngineConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RemoteEngineConfiguration.class);

  /** A rollout's time in remote mode: the system clock, which the cluster's own clock follows. */
  @Bean
  Clock rolloutClock() {
    return Clock.systemUTC();
  }

  @EventListener
  void logConnection(ApplicationStartedEvent event) {
    CamundaClientConfiguration configuration = event.getApplicationContext().getBean(CamundaClient.class).getConfiguration();
    log.info("Engine mode: remote. Camunda cluster at {} (gRPC) and {} (REST)",
        configuration.getGrpcAddress(), configuration.getRestAddress());
  }
}
