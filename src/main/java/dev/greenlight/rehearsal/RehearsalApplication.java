package dev.greenlight.rehearsal;

import dev.greenlight.bounds.CommandProperties;
import dev.greenlight.bounds.FileProperties;
import dev.greenlight.bounds.RunbookBounds;
import dev.greenlight.integrations.database.postgres.PostgresClientProperties;
import dev.greenlight.spec.RunbookProperties;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/**
 * Greenlight as a rehearsal runs it: the engine, the processes, the real workers, gates, inbox and read model, but
 * every outside system replaced by its recording stand-in ({@code dev.greenlight.rehearsal.standins}) and no web
 * server. What is left out is listed in {@link LeftOutOfRehearsals}; the runbook is held to no bounds
 * ({@link RehearsalBounds}). Active only with the {@value #PROFILE} profile, so the server's own component scan passes
 * over it.
 */
@Configuration(proxyBeanMethods = false)
@Profile(RehearsalApplication.PROFILE)
@EnableAutoConfiguration
@ConfigurationPropertiesScan("dev.greenlight")
@ComponentScan(basePackages = "dev.greenlight", excludeFilters = {
    @Filter(type = FilterType.CUSTOM, classes = {TypeExcludeFilter.class, AutoConfigurationExcludeFilter.class}),
    @Filter(type = FilterType.CUSTOM, classes = LeftOutOfRehearsals.class)})
public class RehearsalApplication {

  public static final String PROFILE = "rehearsal";

  /** Over the server's bounds, from which the policies the (stood-in) integrations are given are still made. */
  @Bean
  @Primary
  RunbookBounds rehearsalBounds(CommandProperties commands, FileProperties files, RunbookProperties runbooks,
      PostgresClientProperties postgres) {
    RunbookBounds configured = RunbookBounds.of(commands, files, runbooks, postgres, System.getenv("PATH"));
    return new RehearsalBounds(configured.commands(), configured.files(), runbooks.directory());
  }
}
