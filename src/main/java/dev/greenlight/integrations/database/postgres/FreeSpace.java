package dev.greenlight.integrations.database.postgres;

import java.io.IOException;
import java.nio.file.Path;

/** How many bytes may still be written in a directory; tests substitute a full disk. */
@FunctionalInterface
public interface FreeSpace {

  long usableBytes(Path directory) throws IOException;
}
