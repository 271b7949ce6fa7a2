package dev.greenlight.bounds;

import dev.greenlight.integrations.database.postgres.PostgresClientProperties;
import dev.greenlight.spec.RunbookProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server's {@link RunbookBounds} and its two policies, from {@code greenlight.commands.*} and
 * {@code greenlight.files.*}.
 */
@Configuration(proxyBeanMethods = false)
class BoundsConfiguration {

  @Bean
  RunbookBounds runbookBounds(CommandProperties commands, FileProperties files, RunbookProperties runbooks,
      PostgresClientProperties postgres) {
    return RunbookBounds.of(commands, files, runbooks, postgres, System.getenv("PATH"));
  }

  @Bean
  CommandPolicy commandPolicy(RunbookBounds bounds) {
    return bounds.commands();
  }

  @Bean
  FilePolicy filePolicy(RunbookBounds bounds) {
    return bounds.files();
  }
}
