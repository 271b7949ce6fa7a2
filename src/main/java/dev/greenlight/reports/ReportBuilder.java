package dev.greenlight.reports;

import java.time.Instant;

/** Builds the reports of one kind; {@link ReportWriter} picks the builder by {@code reportKind}. */
public interface ReportBuilder {

  ReportKind kind();

  /**
   * @param request the job's variables
   * @param now when the report is written
   * @throws IllegalArgumentException when a variable the kind needs is missing
   * @throws IllegalStateException when a source of the report cannot be read
   */
  ReportDraft build(ReportRequest request, Instant now);
}
