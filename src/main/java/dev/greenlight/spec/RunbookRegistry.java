package dev.greenlight.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The registered runbooks: {@code NAME.yaml} files in the configured directory. A runbook is read and validated on
 * every lookup, so an edited file applies to the next rollout without a restart.
 */
@Component
public class RunbookRegistry {

  private static final String SUFFIX = ".yaml";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private final Path directory;
  private final SpecReader reader;

  public RunbookRegistry(RunbookProperties properties, SpecReader reader) {
    this.directory = properties.directory();
    this.reader = reader;
  }

  /** The registered names, sorted. */
  public List<String> names() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(SUFFIX))
          .map(name -> name.substring(0, name.length() - SUFFIX.length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the runbooks in " + directory.toAbsolutePath(), e);
    }
  }

  /**
   * The runbook, read now and validated.
   *
   * @throws UnknownRunbookException when no file has the name
   * @throws InvalidRunbookException when the file has errors
   */
  public RunbookSpec get(String name) {
    if (name == null || !NAME.matcher(name).matches() || !Files.isRegularFile(directory.resolve(name + SUFFIX))) {
      throw new UnknownRunbookException(name, names(), directory.toString());
    }
    return reader.read(directory.resolve(name + SUFFIX));
  }
}
