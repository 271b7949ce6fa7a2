package dev.greenlight;

import dev.greenlight.engine.embedded.EmbeddedEngine;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock everything that records a time uses. On the embedded engine it is the engine's clock, so time travel
 * (tests, rehearsals) moves workers' timestamps together with the engine's timers; otherwise the system clock.
 */
@Configuration
public class ClockConfiguration {

  @Bean
  public Clock clock(ObjectProvider<EmbeddedEngine> embeddedEngine) {
    EmbeddedEngine engine = embeddedEngine.getIfAvailable();
    return engine == null ? Clock.systemUTC() : engine.clock();
  }
}
