package dev.greenlight.rehearsal;

import dev.greenlight.integrations.compare.HttpCompareStatistics;
import dev.greenlight.integrations.database.postgres.PostgresBackups;
import dev.greenlight.integrations.flags.FlagStores;
import dev.greenlight.integrations.metrics.MetricProviders;
import dev.greenlight.integrations.migrations.SchemaMigrationsFactory;
import dev.greenlight.integrations.pagerduty.PagerDutyPager;
import dev.greenlight.integrations.release.ReleaseProviderFactory;
import dev.greenlight.integrations.slack.SlackNotifier;
import dev.greenlight.integrations.smoke.SmokeTestRunner;
import dev.greenlight.integrations.traffic.TrafficRouters;
import dev.greenlight.security.SecurityConfiguration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The components a rehearsal leaves out: every class that reaches an outside system (each has a recording stand-in
 * that takes its place), the server's own application class (its scan would bring them back) and the web layer (a
 * rehearsal opens no port; the API's security needs a web server).
 */
public class LeftOutOfRehearsals implements TypeFilter {

  /** The outside systems: the stand-in of each extends it or implements its interface. */
  static final Set<Class<?>> OUTSIDE_SYSTEMS = Set.of(TrafficRouters.class, FlagStores.class,
      ReleaseProviderFactory.class, PostgresBackups.class, SchemaMigrationsFactory.class, MetricProviders.class,
      SmokeTestRunner.class, SlackNotifier.class, PagerDutyPager.class, HttpCompareStatistics.class);

  private static final Set<String> CLASSES = Stream.concat(OUTSIDE_SYSTEMS.stream(),
      Stream.of(SecurityConfiguration.class)).map(Class::getName).collect(Collectors.toUnmodifiableSet());
  private static final Set<String> ANNOTATIONS = Stream.of(SpringBootApplication.class, RestController.class,
      RestControllerAdvice.class).map(Class::getName).collect(Collectors.toUnmodifiableSet());

  @Override
  public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
    AnnotationMetadata metadata = reader.getAnnotationMetadata();
    return CLASSES.contains(metadata.getClassName()) || ANNOTATIONS.stream().anyMatch(metadata::hasAnnotation);
  }
}
