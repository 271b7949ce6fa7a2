package dev.greenlight.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Carries {@link ProcessCoverage} across the test JVMs of one build, with the test classes each JVM has run: the suite
 * runs in parallel forks, each of which rewrites a file of its own whenever a test class finishes (its Spring contexts,
 * cached until the JVM ends, are still open then), so {@code ProcessCoverageTest} knows, wherever and whenever it runs,
 * which process tests have run in this build and what they reached. The build names its directory
 * ({@value #DIRECTORY_PROPERTY}); a JVM without it (a test run from an IDE) writes nothing and knows only itself.
 * Registered in {@code META-INF/services} of the tests.
 */
public class ProcessCoverageFile implements TestExecutionListener {

  static final String DIRECTORY_PROPERTY = "greenlight.process-coverage.directory";
  private static final String RAN = "ran ";
  private static final String REACHED = "reached ";
  private static final Set<String> CLASSES_RUN_HERE = ConcurrentHashMap.newKeySet();

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (test.getSource().orElse(null) instanceof ClassSource testClass) {
      CLASSES_RUN_HERE.add(testClass.getClassName());
      write();
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    write();
  }

  /** The test classes that have finished in this JVM and in every JVM of this build. */
  public static Set<String> classesRunInThisBuild() {
    Set<String> classes = new HashSet<>(CLASSES_RUN_HERE);
    linesOfThisBuild(RAN).forEach(classes::add);
    return classes;
  }

  /** What the engines of this JVM and of every JVM of this build have reached so far. */
  public static Set<String> reachedInThisBuild() {
    Set<String> reached = new HashSet<>(ProcessCoverage.reached());
    linesOfThisBuild(REACHED).forEach(reached::add);
    return reached;
  }

  private static synchronized void write() {
    Path directory = directory();
    if (directory == null) {
      return;
    }
    List<String> lines = new ArrayList<>();
    new TreeSet<>(CLASSES_RUN_HERE).forEach(name -> lines.add(RAN + name));
    new TreeSet<>(ProcessCoverage.reached()).forEach(element -> lines.add(REACHED + element));
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve("jvm-" + ProcessHandle.current().pid() + ".txt");
      Path written = Files.write(directory.resolve(file.getFileName() + ".new"), lines);
      // another JVM may read the file at any time: it sees the old content or the new, never half of it
      Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> linesOfThisBuild(String kind) {
    Path directory = directory();
    if (directory == null || !Files.isDirectory(directory)) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
        Files.readAllLines(file).stream().filter(line -> line.startsWith(kind))
            .forEach(line -> values.add(line.substring(kind.length())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return values;
  }

  private static Path directory() {
    String directory = System.getProperty(DIRECTORY_PROPERTY);
    return directory == null || directory.isBlank() ? null : Path.of(directory);
  }
}
