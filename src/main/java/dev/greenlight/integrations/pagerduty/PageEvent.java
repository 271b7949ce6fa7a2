package dev.greenlight.integrations.pagerduty;

import java.util.Locale;
import java.util.Map;

/**
 * One Events API v2 event.
 *
 * @param action trigger, acknowledge or resolve
 * @param dedupKey the incident's key (see {@link #dedupKey}); PagerDuty folds events with one key into one incident
 * @param severity trigger only: the incident's priority
 * @param summary trigger only: the one line the on-call reads first
 * @param source trigger only: what is affected, the service's name
 * @param details trigger only: shown with the incident (rollout, version, …)
 */
public record PageEvent(
    Action action, String dedupKey, Severity severity, String summary, String source, Map<String, Object> details) {

  public PageEvent {
    if (action == Action.TRIGGER && (severity == null || summary == null || summary.isBlank())) {
      throw new IllegalArgumentException("A trigger needs a severity (P1..P4) and a summary");
    }
  }

  /**
   * One incident of one rollout, or one page of an incident no rollout is linked to: retried pages of it collapse into
   * one PagerDuty incident.
   */
  public static String dedupKey(String rolloutId, String incidentId) {
    boolean noIncident = incidentId == null || incidentId.isBlank();
    if (rolloutId == null || rolloutId.isBlank()) {
      if (noIncident) {
        throw new IllegalArgumentException("A page needs the rollout id (variable rolloutId) or the incident id"
            + " (variable incidentId) for its dedup key");
      }
      return "greenlight/incidents/" + incidentId;
    }
    return "greenlight/" + rolloutId + (noIncident ? "" : "/" + incidentId);
  }

  /** What the event does to the incident. */
  public enum Action {
    TRIGGER, ACKNOWLEDGE, RESOLVE;

    public static Action parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Unknown page action '" + text + "': use trigger, acknowledge or resolve", e);
      }
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The runbooks' incident priorities and PagerDuty's severities. */
  public enum Severity {
    P1("critical"), P2("error"), P3("warning"), P4("info");

    private final String pagerDutySeverity;

    Severity(String pagerDutySeverity) {
      this.pagerDutySeverity = pagerDutySeverity;
    }

    public static Severity parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Unknown severity '" + text + "': use P1, P2, P3 or P4", e);
      }
    }

    public String pagerDutySeverity() {
      return pagerDutySeverity;
    }
  }
}
