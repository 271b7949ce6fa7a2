package dev.greenlight.integrations.database.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.greenlight.integrations.database.BackupKey;
import dev.greenlight.integrations.database.BackupReceipt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The receipt files next to the archives, one per backup job ({@code service-rolloutId-elementInstanceKey.receipt.json}).
 * A receipt is written only after its archive is verified and in place, and atomically, so a receipt on disk always
 * stands for a finished backup.
 */
final class BackupReceiptFiles {

  static final String SUFFIX = ".receipt.json";

  private final ObjectMapper json = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  /** What is stored: the receipt and whose it is. */
  record StoredReceipt(String service, String rolloutId, long elementInstanceKey, BackupReceipt receipt) {}

  Optional<BackupReceipt> find(Path directory, BackupKey key) {
    Path file = fileOf(directory, key);
    return Files.exists(file) ? Optional.of(read(file).receipt()) : Optional.empty();
  }

  void save(Path directory, BackupKey key, BackupReceipt receipt) {
    Path file = fileOf(directory, key);
    Path temporary = file.resolveSibling(file.getFileName() + ".partial");
    try {
      json.writeValue(temporary.toFile(),
          new StoredReceipt(key.service(), key.rolloutId(), key.elementInstanceKey(), receipt));
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing the backup receipt " + file + " failed: " + e.getMessage(), e);
    }
  }

  /** The newest finished backup of a service in the directory, by the time its snapshot was taken. */
  Optional<BackupReceipt> latest(Path directory, String service) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(file -> file.getFileName().toString().startsWith(service + "-"))
          .filter(file -> file.getFileName().toString().endsWith(SUFFIX))
          .map(this::read)
          .filter(stored -> stored.service().equals(service))
          .map(StoredReceipt::receipt)
          .max(Comparator.comparing(BackupReceipt::takenAt));
    } catch (IOException e) {
      throw new UncheckedIOException("Listing the backup directory " + directory + " failed: " + e.getMessage(), e);
    }
  }

  static Path fileOf(Path directory, BackupKey key) {
    return directory.resolve(key.prefix() + "-" + key.elementInstanceKey() + SUFFIX);
  }

  private StoredReceipt read(Path file) {
    try {
      return json.readValue(file.toFile(), StoredReceipt.class);
    } catch (IOException e) {
      throw new UncheckedIOException("The backup receipt " + file + " cannot be read (" + e.getMessage()
          + "); it was changed by hand or the disk is damaged: move it out of the backup directory", e);
    }
  }
}
