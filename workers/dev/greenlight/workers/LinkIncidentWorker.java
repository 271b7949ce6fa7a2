package dev.greenlight.workers;

import dev.greenlight.incidents.IncidentIds;
import dev.greenlight.incidents.IncidentLinks;
import dev.greenlight.incidents.IncidentVariables;
import dev.greenlight.incidents.RolloutLink;
import dev.greenlight.integrations.pagerduty.PageEvent.Severity;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.Notifications.Escalation;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code link-incident}: gives an incident what the rest of its process needs, whoever opened it: its id (kept when
 * the opener chose one), the rollout it is about ({@link IncidentLinks}: {@code rolloutId}, {@code version},
 * {@code previousVersion}, {@code backup}, for a rollback), the response target of its severity
 * ({@code responseTarget}, see {@link Escalation#responseTarget}) and {@code openedAt}. A runbook without escalation
 * levels or an unknown severity fails the job with what to fix: nobody could be paged. Reads only.
 *
 * <p>Run twice: it only reads; nothing outside changes (an incident opened without an id may get another one,
 * since the earlier attempt's never reached the engine).
 */
@Component
public class LinkIncidentWorker {

  private final IncidentLinks links;
  private final IncidentIds ids;
  private final Clock clock;

  public LinkIncidentWorker(IncidentLinks links, IncidentIds ids, Clock clock) {
    this.links = links;
    this.ids = ids;
    this.clock = clock;
  }

  @JobWorker(type = "link-incident", fetchVariables = {RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID,
      IncidentVariables.INCIDENT_ID, IncidentVariables.SEVERITY, IncidentVariables.OPENED_AT})
  public Map<String, Object> linkIncident(
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.ROLLOUT_ID, optional = true) String rolloutId,
      @Variable(name = IncidentVariables.INCIDENT_ID, optional = true) String incidentId,
      @Variable(name = IncidentVariables.SEVERITY, optional = true) String severity,
      @Variable(name = IncidentVariables.OPENED_AT, optional = true) String openedAt) {
    Escalation escalation = Escalation.withLevels(runbook).orElseThrow(() -> new IllegalStateException(
        "The runbook of " + runbook.service() + " has no notifications.escalation.levels: an incident pages those"
            + " levels in turn; add them to the runbook and retry"));
    String priority = Severity.parse(severity == null ? "(none)" : severity).name();
    Map<String, Object> variables = new HashMap<>();
    variables.put(IncidentVariables.INCIDENT_ID, incidentId != null ? incidentId : ids.next(runbook.service()));
    variables.put(IncidentVariables.SEVERITY, priority);
    variables.put(IncidentVariables.RESPONSE_TARGET, escalation.responseTarget(priority).toString());
    variables.put(IncidentVariables.OPENED_AT, openedAt != null ? openedAt : clock.instant().toString());
    Optional<RolloutLink> link = links.find(runbook.service(), rolloutId);
    variables.put(RolloutVariables.ROLLOUT_ID, link.map(RolloutLink::rolloutId).orElse(null));
    variables.put(RolloutVariables.VERSION, link.map(RolloutLink::version).orElse(null));
    variables.put(RolloutVariables.PREVIOUS_VERSION, link.map(RolloutLink::previousVersion).orElse(null));
    variables.put(RolloutVariables.BACKUP, link.map(RolloutLink::backup).orElse(null));
    return variables;
  }
}
