package dev.greenlight.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.greenlight.integrations.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reports as JSON files, {@code {directory}/{rolloutId}/{createdAt}-{kind}.json}, each written atomically. Filing is
 * idempotent per job: a report of an element instance that already filed one replaces it, keeping its id and time.
 */
@Component
public class ReportStore {

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  /** One path segment: a rollout id can never reach outside the directory. */
  private static final Pattern FOLDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final String SUFFIX = ".json";

  private final Path directory;

  public ReportStore(@Value("${greenlight.reports.directory:reports}") Path directory) {
    this.directory = directory;
  }

  /**
   * Files the report (its id is ignored) and returns it as filed.
   *
   * @throws ReportNotFiledException when the reports directory cannot take it (full, read-only, missing)
   */
  public synchronized Report save(Report report) {
    Path folder = folder(report.rolloutId());
    Optional<Report> earlier = read(folder).stream()
        .filter(filed -> filed.elementInstanceKey() == report.elementInstanceKey()).findFirst();
    Report filed = earlier.map(e -> report.filedAs(e.id(), e.createdAt()))
        .orElseGet(() -> report.filedAs(freshId(folder, report), report.createdAt()));
    try {
      AtomicFile.write(folder.resolve(filed.id() + SUFFIX), ReportJson.MAPPER.writeValueAsString(filed));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Report " + filed.id() + " cannot be written as JSON: " + e.getOriginalMessage(), e);
    } catch (UncheckedIOException e) {
      throw new ReportNotFiledException(report.kind(), directory, e.getCause());
    }
    return filed;
  }

  /** The rollout's reports, oldest first; none when it has not filed any. */
  public List<Report> list(String rolloutId) {
    return read(folder(rolloutId));
  }

  private String freshId(Path folder, Report report) {
    String id = FILE_TIME.format(report.createdAt()) + "-" + report.kind().specName();
    return Files.exists(folder.resolve(id + SUFFIX)) ? id + "-" + report.elementInstanceKey() : id;
  }

  private Path folder(String rolloutId) {
    if (rolloutId == null || !FOLDER_NAME.matcher(rolloutId).matches()) {
      throw new IllegalArgumentException("A report needs the rollout id it belongs to (letters, digits, '.', '_' and"
          + " '-'), not " + (rolloutId == null ? "none" : "'" + rolloutId + "'"));
    }
    return directory.resolve(rolloutId);
  }

  private List<Report> read(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Report> reports = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(ReportStore::isReport).toList()) {
        reports.add(ReportJson.MAPPER.readValue(file.toFile(), Report.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the reports in " + folder + ": " + e.getMessage(), e);
    }
    reports.sort(Comparator.comparing(Report::createdAt).thenComparing(Report::id));
    return reports;
  }

  /** Temporary files of a write in progress start with a dot. */
  private static boolean isReport(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(SUFFIX) && !name.startsWith(".");
  }
}
