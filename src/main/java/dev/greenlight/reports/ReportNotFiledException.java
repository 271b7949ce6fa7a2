package dev.greenlight.reports;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** The reports directory did not take a report: full, read-only or missing. The message says which and what to do. */
public class ReportNotFiledException extends RuntimeException {

  ReportNotFiledException(ReportKind kind, Path directory, IOException cause) {
    super("the " + kind.specName() + " report was not filed: the reports directory " + directory.toAbsolutePath()
        + " did not take it (" + describe(cause) + "); free space or fix its permissions"
        + " (greenlight.reports.directory). Nothing the rollout decides depends on it", cause);
  }

  /** The operating system's reason ("No space left on device", "Read-only file system"), not only a file name. */
  private static String describe(IOException cause) {
    if (cause instanceof AccessDeniedException denied) {
      return "permission denied on " + denied.getFile();
    }
    if (cause instanceof FileSystemException failed && failed.getReason() != null) {
      return failed.getReason() + " on " + failed.getFile();
    }
    return cause.getMessage();
  }
}
