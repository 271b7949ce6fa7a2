package dev.greenlight.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.api.rollouts.RolloutView.PendingDecision;
import java.time.Instant;
import java.util.List;

/**
 * An incident of a service as people follow it: one instance of the incident-response process.
 *
 * @param incidentId e.g. payments-incident-20261207-7f3a
 * @param processInstanceKey its process instance
 * @param service the affected service
 * @param severity P1..P4
 * @param summary what is happening
 * @param state {@code open} while its process runs, {@code closed} once the post-mortem is scheduled, {@code cancelled}
 *     when its process was cancelled
 * @param openedAt when it was opened
 * @param closedAt when its process ended; null while open
 * @param openedBy who opened it (a person by the API or CLI, {@code alertmanager} for an alert); null from Tasklist
 * @param openedVia api, cli, alertmanager or tasklist
 * @param alertFingerprint the fingerprint of the Alertmanager alert that opened it, if one did
 * @param rolloutId the rollout it is linked to: the service's active rollout when it was opened, else its most recent
 * @param escalationLevel the level paged last (1 is the first)
 * @param responseTarget how long each level has to acknowledge (ISO-8601)
 * @param current names of the steps active now, as Operate shows them
 * @param pages every page sent: {@code {id, level, group, dedupKey, status}}, oldest first
 * @param acknowledgement the decision that acknowledged it, null until then
 * @param remediation rollback, restart, scale or none, once chosen (by the runbook or the assessment)
 * @param remediationOutcome what the remediation did, as read back, once it ran
 * @param decisions every decision recorded on it (acknowledgement, assessments, post-mortem, database decisions)
 * @param decisionCount how many decisions {@code decisions} holds
 * @param openTasks the tasks waiting for a person now, in the incident and the processes it called
 */
public record ServiceIncident(
    String incidentId,
    long processInstanceKey,
    String service,
    String severity,
    String summary,
    String state,
    Instant openedAt,
    Instant closedAt,
    String openedBy,
    String openedVia,
    String alertFingerprint,
    String rolloutId,
    Integer escalationLevel,
    String responseTarget,
    List<String> current,
    JsonNode pages,
    JsonNode acknowledgement,
    String remediation,
    String remediationOutcome,
    JsonNode decisions,
    int decisionCount,
    List<PendingDecision> openTasks) {

  public static final String OPEN = "open";
  public static final String CLOSED = "closed";
  public static final String CANCELLED = "cancelled";

  public boolean isOpen() {
    return OPEN.equals(state);
  }
}
