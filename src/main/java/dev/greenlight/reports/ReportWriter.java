package dev.greenlight.reports;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes a report of the kind asked for (the one place that picks the {@link ReportBuilder}) and files it. A report
 * that cannot be filed (the reports directory full, read-only or missing) changes nothing the process decides: the
 * draft's status and baseline stand, and the summary the process posts says plainly that the report was not filed.
 */
@Component
public class ReportWriter {

  private final Map<ReportKind, ReportBuilder> builders = new EnumMap<>(ReportKind.class);
  private final ReportStore store;
  private final Clock clock;

  public ReportWriter(List<ReportBuilder> builders, ReportStore store, Clock clock) {
    builders.forEach(builder -> this.builders.put(builder.kind(), builder));
    for (ReportKind kind : ReportKind.values()) {
      if (kind.writtenByProcesses() && !this.builders.containsKey(kind)) {
        throw new IllegalStateException("No report builder for kind " + kind.specName());
      }
    }
    this.store = store;
    this.clock = clock;
  }

  /**
   * A report of the kind {@code write-report} was asked for ({@code reportKind}).
   *
   * @param request the job's variables
   * @param elementInstanceKey the job's element instance: writing again for it replaces its report
   */
  public WrittenReport write(ReportRequest request, long elementInstanceKey) {
    return write(ReportKind.parse(request.reportKind()), request, elementInstanceKey);
  }

  /**
   * A report of one kind, for the step that files only that kind (a baseline, a post-deployment check).
   *
   * @param asked the job's variables; its {@code reportKind} is not read
   * @param elementInstanceKey the job's element instance: writing again for it replaces its report
   */
  public WrittenReport write(ReportKind kind, ReportRequest asked, long elementInstanceKey) {
    ReportRequest request = asked.ofKind(kind);
    String owner = kind == ReportKind.INCIDENT && request.rolloutId() == null ? request.incidentId() : request.rolloutId();
    ReportRequest.require(owner, "rolloutId", kind);
    Instant now = clock.instant();
    ReportDraft draft = builders.get(kind).build(request, now);
    Report report = new Report(null, kind, owner, request.serviceName(), request.version(), now, draft.status(),
        draft.summary(), elementInstanceKey, ReportJson.MAPPER.valueToTree(draft.content()));
    try {
      return new WrittenReport(store.save(report).headline(), draft.baseline());
    } catch (ReportNotFiledException e) {
      return new WrittenReport(new ReportHeadline(null, kind, now, draft.status(),
          draft.summary() + " — " + e.getMessage()), draft.baseline());
    }
  }
}
