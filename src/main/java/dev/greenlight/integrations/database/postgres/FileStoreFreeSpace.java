package dev.greenlight.integrations.database.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** The free space the file system holding a directory reports to this process. */
@Component
public class FileStoreFreeSpace implements FreeSpace {

  @Override
  public long usableBytes(Path directory) throws IOException {
    return Files.getFileStore(directory).getUsableSpace();
  }
}
