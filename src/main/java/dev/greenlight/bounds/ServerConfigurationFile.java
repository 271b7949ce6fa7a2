package dev.greenlight.bounds;

import dev.greenlight.integrations.database.postgres.PostgresClientProperties;
import dev.greenlight.spec.RunbookProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The server's bounds read from its configuration file without starting it, for {@code greenlight lint
 * --server-config}: the same properties bound the same way, with system properties and environment variables over the
 * file as for the server ({@code GREENLIGHT_COMMANDS_ALLOWEDEXECUTABLES=nginx}). Relative paths are relative to the
 * current directory, as they are to the server's working directory when it runs.
 */
public final class ServerConfigurationFile {

  private ServerConfigurationFile() {}

  /** @throws IllegalArgumentException when the file cannot be read as the server's YAML configuration */
  public static RunbookBounds bounds(Path file, Map<String, String> environment) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No server configuration at " + file);
    }
    List<PropertySource<?>> documents;
    try {
      documents = new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(file + " is not the server's YAML configuration: " + e.getMessage(), e);
    }
    MutablePropertySources sources = new MutablePropertySources();
    // the standard names: Spring maps GREENLIGHT_FILES_ALLOWEDROOTS to greenlight.files.allowed-roots only for these
    sources.addLast(new PropertiesPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
        System.getProperties()));
    sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        Map.copyOf(environment)));
    documents.forEach(sources::addLast);
    Binder binder = new Binder(ConfigurationPropertySources.from(sources),
        new PropertySourcesPlaceholdersResolver(sources));
    try {
      return RunbookBounds.of(
          binder.bindOrCreate("greenlight.commands", CommandProperties.class),
          binder.bindOrCreate("greenlight.files", FileProperties.class),
          binder.bindOrCreate("greenlight.runbooks", RunbookProperties.class),
          binder.bindOrCreate("greenlight.database.postgres", PostgresClientProperties.class),
          environment.get("PATH"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
