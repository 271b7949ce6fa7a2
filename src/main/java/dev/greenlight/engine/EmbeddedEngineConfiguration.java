package dev.greenlight.engine;

import dev.greenlight.engine.embedded.EmbeddedEngine;
import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Embedded mode: the Zeebe engine runs inside this JVM, durable on its data directory or throw-away, and is up (its
 * state rebuilt) before the Camunda client connects.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = EngineProperties.MODE, havingValue = "embedded", matchIfMissing = true)
public class EmbeddedEngineConfiguration {

  static final String ENGINE_BEAN = "embeddedZeebeEngine";

  @Bean(name = ENGINE_BEAN, destroyMethod = "stop")
  EmbeddedEngine embeddedZeebeEngine(EngineProperties properties) {
    EngineProperties.Embedded embedded = properties.embedded();
    EmbeddedEngine engine = EmbeddedEngine.create(new EmbeddedEngine.Settings(embedded.port(),
        embedded.throwAway() ? null : embedded.dataDirectory(), embedded.snapshotPeriod()));
    try {
      engine.start();
    } catch (RuntimeException e) {
      engine.stop();
      throw e;
    }
    return engine;
  }

  /** A rollout's time in embedded mode: the engine's clock, which time travel moves with the engine's timers. */
  @Bean
  Clock rolloutClock(EmbeddedEngine engine) {
    return engine.clock();
  }

  @Bean
  EmbeddedRecordFeed embeddedRecordFeed(EmbeddedEngine engine, EngineProperties properties) {
    return new EmbeddedRecordFeed(engine, properties.embedded().readModelCheckpoint());
  }

  @Bean
  EmbeddedUserTasks embeddedUserTasks(EmbeddedEngine engine) {
    return new EmbeddedUserTasks(engine);
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
