package dev.greenlight.rehearsal;

import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Profile;

/**
 * Greenlight as a rehearsal runs it: the engine, the processes, the real workers, gates, inbox and read model, but
 * every outside system replaced by its recording stand-in ({@code dev.greenlight.rehearsal.standins}) and no web
 * server. What is left out is listed in {@link LeftOutOfRehearsals}. Active only with the {@value #PROFILE} profile,
 * so the server's own component scan passes over it.
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
}
