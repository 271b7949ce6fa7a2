package dev.greenlight.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Carries {@link ProcessCoverage} across the test JVMs of one build: the suite runs in parallel forks, each of which
 * writes what its engines reached to a file of its own when its tests are done (its Spring contexts, cached until the
 * JVM ends, are still open then); {@code ProcessCoverageTest} runs after all forks and reads every file of the build.
 * The build names its directory ({@value #DIRECTORY_PROPERTY}); a JVM without it (a test run from an IDE) writes
 * nothing. Registered in {@code META-INF/services} of the tests.
 */
public class ProcessCoverageFile implements TestExecutionListener {

  static final String DIRECTORY_PROPERTY = "greenlight.process-coverage.directory";

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    Path directory = directory();
    if (directory == null) {
      return;
    }
    try {
      Files.createDirectories(directory);
      Files.write(directory.resolve("reached-" + ProcessHandle.current().pid() + ".txt"),
          new TreeSet<>(ProcessCoverage.reached()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the engines of this JVM and of every fork of this build that has finished reached. */
  public static Set<String> reachedInThisBuild() {
    Set<String> reached = new HashSet<>(ProcessCoverage.reached());
    Path directory = directory();
    if (directory == null || !Files.isDirectory(directory)) {
      return reached;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        reached.addAll(Files.readAllLines(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return reached;
  }

  private static Path directory() {
    String directory = System.getProperty(DIRECTORY_PROPERTY);
    return directory == null || directory.isBlank() ? null : Path.of(directory);
  }
}
