package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A job may be handed out twice (its worker died, or another instance took it after its timeout), so every worker's
 * Javadoc says what running it twice does: a worker added without thinking about it fails here.
 */
class RunTwiceDocumentedTest {

  private static final List<Path> SOURCES =
      List.of(Path.of("workers/dev/greenlight/workers"), Path.of("src/test/java/dev/greenlight/workers"));

  @Test
  void everyJobWorkerSaysWhatRunningItTwiceDoes() {
    List<Path> workers = SOURCES.stream().flatMap(RunTwiceDocumentedTest::javaFiles)
        .filter(file -> read(file).contains("@JobWorker(")).toList();

    assertThat(workers).hasSizeGreaterThan(25);
    assertThat(workers).filteredOn(file -> !read(file).contains("Run twice:"))
        .as("workers whose Javadoc does not say \"Run twice: ...\"").isEmpty();
  }

  private static Stream<Path> javaFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
