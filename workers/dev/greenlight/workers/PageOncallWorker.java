package dev.greenlight.workers;

import dev.greenlight.integrations.pagerduty.PageEvent;
import dev.greenlight.integrations.pagerduty.PageEvent.Action;
import dev.greenlight.integrations.pagerduty.PageEvent.Severity;
import dev.greenlight.integrations.pagerduty.PageReceipt;
import dev.greenlight.integrations.pagerduty.PagerDutyPager;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code page-oncall}: sends a PagerDuty event for the rollout's incident {@code incidentId} (or, in an incident no
 * rollout is linked to, for that incident alone): {@code action} trigger
 * (default; needs {@code severity} P1..P4 and {@code summary}), acknowledge or resolve. Result in {@code page} (dedup
 * key, action, status). Fails the job when PagerDuty cannot be reached, because then nobody was paged.
 */
@Component
public class PageOncallWorker {

  public static final String ACTION = "action";
  public static final String SEVERITY = "severity";
  public static final String SUMMARY = "summary";
  public static final String INCIDENT_ID = "incidentId";
  public static final String PAGE = "page";

  private final PagerDutyPager pager;

  public PageOncallWorker(PagerDutyPager pager) {
    this.pager = pager;
  }

  @JobWorker(type = "page-oncall")
  public Map<String, PageReceipt> pageOncall(
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.ROLLOUT_ID, optional = true) String rolloutId,
      @Variable(name = RolloutVariables.VERSION, optional = true) String version,
      @Variable(name = ACTION) String action,
      @Variable(name = SEVERITY) String severity,
      @Variable(name = SUMMARY) String summary,
      @Variable(name = INCIDENT_ID) String incidentId) {
    Action eventAction = action == null ? Action.TRIGGER : Action.parse(action);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rolloutId", rolloutId);
    details.put("service", runbook.service());
    if (version != null) {
      details.put("version", version);
    }
    if (incidentId != null) {
      details.put("incidentId", incidentId);
    }
    if (severity != null) {
      details.put("priority", severity);
    }
    PageEvent event = new PageEvent(eventAction, PageEvent.dedupKey(rolloutId, incidentId),
        severity == null ? null : Severity.parse(severity), summary, runbook.service(), details);
    var target = runbook.notifications() == null ? null : runbook.notifications().pagerDuty();
    return Map.of(PAGE, pager.send(target, event));
  }
}
