package dev.greenlight.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where people hear about a rollout and who is paged.
 *
 * @param slack the channel for progress, reports and war rooms
 * @param pagerDuty the PagerDuty service that pages the on-call
 * @param escalation who is escalated to when a page is not acknowledged in time
 */
public record Notifications(Slack slack, PagerDuty pagerDuty, Escalation escalation) {

  /** Incident severities, most urgent first; response targets and automatic remediations are keyed by them. */
  public static final List<String> SEVERITIES = List.of("P1", "P2", "P3", "P4");

  /** @param channel e.g. #deploys @param tokenSecret name of the secret with the bot token */
  public record Slack(String channel, String tokenSecret) {}

  /** @param routingKeySecret name of the secret with the Events API v2 routing key */
  public record PagerDuty(String routingKeySecret) {}

  /**
   * @param levels escalation levels in order (level 1 first), each a PagerDuty escalation target or group
   * @param ackTimeout the response target of every severity {@code responseTargets} leaves out
   * @param responseTargets severity (P1..P4) → how long each level has to acknowledge an incident of that severity
   *     before the next level is paged (after the last level: the last level again); empty when none is written
   * @param autoRemediation severity → the remediation the incident process applies without asking; a severity that is
   *     not listed is assessed by a person. Empty when none is automatic
   */
  public record Escalation(List<String> levels, Duration ackTimeout, Map<String, Duration> responseTargets,
      Map<String, Remediation> autoRemediation) {

    /**
     * The runbook's escalation when it names levels to page; empty when it has none, so that an incident of it could
     * page nobody and nobody could acknowledge it.
     */
    public static Optional<Escalation> withLevels(RunbookSpec runbook) {
      Escalation escalation = runbook.notifications() == null ? null : runbook.notifications().escalation();
      return escalation == null || escalation.levels() == null || escalation.levels().isEmpty() ? Optional.empty()
          : Optional.of(escalation);
    }

    /** How long each level has to acknowledge an incident of this severity: its response target, else ackTimeout. */
    public Duration responseTarget(String severity) {
      Duration target = responseTargets == null ? null : responseTargets.get(severity);
      return target != null ? target : ackTimeout;
    }
  }

  /** What the incident process does about an incident. */
  public enum Remediation {
    ROLLBACK, RESTART, SCALE, NONE;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }
}
