package dev.greenlight.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory nobody can write to, not even root (tests run as root in CI): made immutable with {@code chattr +i}
 * there, read-only by its permissions otherwise. {@link #close()} makes it writable again so it can be cleaned up.
 */
public final class ReadOnlyDirectory implements AutoCloseable {

  private static final Path CHATTR = Path.of("/usr/bin/chattr");

  private final Path directory;
  private final boolean root;

  private ReadOnlyDirectory(Path directory) {
    this.directory = directory;
    this.root = "root".equals(System.getProperty("user.name"));
  }

  public static ReadOnlyDirectory of(Path directory) throws IOException, InterruptedException {
    ReadOnlyDirectory readOnly = new ReadOnlyDirectory(directory);
    readOnly.protect(true);
    assertThat(Files.isWritable(directory) && !readOnly.root).as("%s is still writable", directory).isFalse();
    return readOnly;
  }

  private void protect(boolean on) throws IOException, InterruptedException {
    if (root) {
      assertThat(CHATTR).as("chattr must be installed to make a directory read-only for root"
          + " (Debian: apt-get install e2fsprogs)").isExecutable();
      Process chattr = new ProcessBuilder(CHATTR.toString(), on ? "+i" : "-i", directory.toString())
          .redirectErrorStream(true).start();
      String output = new String(chattr.getInputStream().readAllBytes());
      assertThat(chattr.waitFor()).as("chattr %s: %s", on ? "+i" : "-i", output).isZero();
    } else {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(on ? "r-xr-xr-x" : "rwxr-xr-x"));
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    protect(false);
  }
}
