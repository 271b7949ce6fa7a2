package dev.greenlight.engine;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Embedded mode: the in-memory Zeebe engine runs inside this JVM and is up before the Camunda client connects. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = EngineProperties.MODE, havingValue = "embedded", matchIfMissing = true)
public class EmbeddedEngineConfiguration {

  static final String ENGINE_BEAN = "embeddedZeebeEngine";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedEngineConfiguration.class);

  @Bean(name = ENGINE_BEAN, destroyMethod = "stop")
  ZeebeTestEngine embeddedZeebeEngine(EngineProperties properties) {
    int port = properties.embedded().port();
    ZeebeTestEngine engine = EngineFactory.create(port);
    InMemoryEngineInternals.of(engine).bindGatewayToLoopback(port);
    engine.start();
    log.info("Engine mode: embedded. In-memory Zeebe engine listening on 127.0.0.1:{} (gRPC); state is lost on exit", port);
    return engine;
  }

  @Bean
  InMemoryEngineInternals inMemoryEngineInternals(ZeebeTestEngine engine) {
    return InMemoryEngineInternals.of(engine);
  }

  @Bean
  EmbeddedRecordFeed embeddedRecordFeed(ZeebeTestEngine engine) {
    return new EmbeddedRecordFeed(engine);
  }

  @Bean
  EmbeddedUserTasks embeddedUserTasks(ZeebeTestEngine engine, InMemoryEngineInternals internals) {
    return new EmbeddedUserTasks(engine, internals);
  }

  /** The Camunda client must not connect before the engine listens. */
  @Bean
  static BeanFactoryPostProcessor camundaClientAfterEmbeddedEngine() {
    return beanFactory -> {
      for (String clientBean : beanFactory.getBeanNamesForType(CamundaClient.class, true, false)) {
        BeanDefinition definition = beanFactory.getBeanDefinition(clientBean);
        Set<String> dependsOn = new LinkedHashSet<>();
        if (definition.getDependsOn() != null) {
          dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
        }
        dependsOn.add(ENGINE_BEAN);
        definition.setDependsOn(dependsOn.toArray(String[]::new));
      }
    };
  }
}
