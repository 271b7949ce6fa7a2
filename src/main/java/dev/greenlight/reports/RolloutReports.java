package dev.greenlight.reports;

import dev.greenlight.rollout.RolloutOutcome;
import dev.greenlight.rollout.RolloutState;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reports Greenlight files itself, beside the ones the processes write: a step that failed for good, and how the
 * rollout ended. Filing never fails the caller: a report the directory does not take is logged as an error saying
 * why, and the rollout goes on as it would have.
 */
@Component
public class RolloutReports {

  private static final Logger log = LoggerFactory.getLogger(RolloutReports.class);

  private final ReportStore store;
  private final Clock clock;

  public RolloutReports(ReportStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * @param path where the step is, e.g. "Release a version › Deploy the version"
   * @param message what went wrong and what to do
   * @param elementInstanceKey the step: a second report of the same step replaces the first
   */
  public Optional<Report> stepFailed(String rolloutId, String service, String version, String path, String message,
      long elementInstanceKey) {
    Instant now = clock.instant();
    return file(new Report(null, ReportKind.STEP_FAILURE, rolloutId, service, version, now, ReportStatus.ATTENTION,
        message, elementInstanceKey, ReportJson.MAPPER.valueToTree(new StepFailure(path, message, now))));
  }

  /** @param elementInstanceKey the end event the rollout reached: a retried end listener replaces its report */
  public Optional<Report> ended(String rolloutId, String service, String version, RolloutOutcome outcome,
      long elementInstanceKey) {
    Instant now = clock.instant();
    String summary = service + " " + version + " ended " + outcome.state().specName()
        + (outcome.reason() == null ? "" : ": " + outcome.reason());
    return file(new Report(null, ReportKind.OUTCOME, rolloutId, service, version, now,
        outcome.state() == RolloutState.SUCCEEDED ? ReportStatus.OK : ReportStatus.ATTENTION, summary,
        elementInstanceKey, ReportJson.MAPPER.valueToTree(new Outcome(outcome.state(), outcome.reason(), now))));
  }

  private Optional<Report> file(Report report) {
    if (report.rolloutId() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(store.save(report));
    } catch (ReportNotFiledException e) {
      log.error("Rollout {}: {}", report.rolloutId(), e.getMessage());
      return Optional.empty();
    }
  }

  /** @param path where the step is @param message what went wrong and what to do @param at when it failed for good */
  public record StepFailure(String path, String message, Instant at) {}

  /** @param state the end state @param reason why @param endedAt when */
  public record Outcome(RolloutState state, String reason, Instant endedAt) {}
}
