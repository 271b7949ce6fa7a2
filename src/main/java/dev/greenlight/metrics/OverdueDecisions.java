package dev.greenlight.metrics;

import dev.greenlight.inbox.ApprovalsInbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code greenlight_signoffs_overdue}: open decisions and sign-offs older than
 * {@code greenlight.metrics.decision-overdue-after}, counted from the inbox at each scrape.
 */
@Component
public class OverdueDecisions {

  private final ApprovalsInbox inbox;
  private final Clock clock;
  private final Duration overdueAfter;

  public OverdueDecisions(ApprovalsInbox inbox, Clock clock,
      @Value("${greenlight.metrics.decision-overdue-after:PT24H}") Duration overdueAfter, MeterRegistry registry) {
    this.inbox = inbox;
    this.clock = clock;
    this.overdueAfter = overdueAfter;
    Gauge.builder("greenlight.signoffs.overdue", this, OverdueDecisions::count)
        .description("Open decisions and sign-offs waiting longer than greenlight.metrics.decision-overdue-after")
        .register(registry);
  }

  long count() {
    var deadline = clock.instant().minus(overdueAfter);
    return inbox.openTasks().stream().filter(task -> task.createdAt().isBefore(deadline)).count();
  }
}
