package dev.greenlight.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The project's Java sources as text, for tests that hold the code to a rule of its own. */
public final class SourceFiles {

  private SourceFiles() {}

  /** Every {@code .java} file below the directories, sorted. */
  public static List<Path> javaFilesBelow(Path... directories) {
    return Arrays.stream(directories).flatMap(SourceFiles::walk)
        .filter(file -> file.toString().endsWith(".java")).sorted().toList();
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<Path> walk(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
