package dev.greenlight.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.support.SourceFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each kind of time is read one way (see {@code package-info}): Greenlight's main sources take a rollout's time from
 * the injected {@link java.time.Clock} and measure outside calls with a {@link Stopwatch} or a {@link Deadline}.
 */
class TimeSourcesTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/greenlight");
  private static final Path WORKERS = Path.of("workers/dev/greenlight/workers");
  /** The demo's own shop service stands in for the user's application: it keeps its own time, as that would. */
  private static final Path DEMO = SOURCES.resolve("demo");

  @Test
  void aRolloutsTimeComesFromTheInjectedClockOnly() {
    Pattern wallClock = Pattern.compile("Clock\\.system|System\\.currentTimeMillis|ObjectProvider<Clock>"
        + "|\\b(Instant|LocalDate|LocalDateTime|LocalTime|OffsetDateTime|ZonedDateTime)\\.now\\(\\)");

    assertThat(readers(wallClock)).containsExactly(
        SOURCES.resolve("engine/RemoteEngineConfiguration.java"));
  }

  @Test
  void theMonotonicClockIsReadByTheStopwatchOnly() {
    assertThat(readers(Pattern.compile("System\\.nanoTime"))).containsExactly(SOURCES.resolve("time/Stopwatch.java"));
  }

  private static List<Path> readers(Pattern call) {
    return SourceFiles.javaFilesBelow(SOURCES, WORKERS).stream().filter(file -> !file.startsWith(DEMO))
        .filter(file -> call.matcher(SourceFiles.read(file)).find())
        .toList();
  }
}
