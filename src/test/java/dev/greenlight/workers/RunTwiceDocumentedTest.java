package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.support.SourceFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A job may be handed out twice (its worker died, or another instance took it after its timeout), so every worker's
 * Javadoc says what running it twice does: a worker added without thinking about it fails here.
 */
class RunTwiceDocumentedTest {

  private static final Path WORKERS = Path.of("workers/dev/greenlight/workers");
  private static final Path TEST_WORKERS = Path.of("src/test/java/dev/greenlight/workers");

  @Test
  void everyJobWorkerSaysWhatRunningItTwiceDoes() {
    List<Path> workers = SourceFiles.javaFilesBelow(WORKERS, TEST_WORKERS).stream()
        .filter(file -> SourceFiles.read(file).contains("@JobWorker(")).toList();

    assertThat(workers).hasSizeGreaterThan(25);
    assertThat(workers).filteredOn(file -> !SourceFiles.read(file).contains("Run twice:"))
        .as("workers whose Javadoc does not say \"Run twice: ...\"").isEmpty();
  }
}
