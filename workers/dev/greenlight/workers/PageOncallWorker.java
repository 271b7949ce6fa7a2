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
import io.camunda.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code page-oncall}: sends a PagerDuty event for the rollout's incident {@code incidentId} (or, in an incident no
 * rollout is linked to, for that incident alone): {@code action} trigger
 * (default; needs {@code severity} P1..P4 and {@code summary}), acknowledge or resolve. Result in {@code page} (dedup
 * key, action, status). An event PagerDuty does not take at once is tried again in the background ({@code page}
 * status {@code retrying}); one PagerDuty refuses fails the job, because then nobody was paged.
 *
 * <p>Run twice: the event's dedup key is the rollout's and the incident's, so PagerDuty folds a repeated trigger into
 * the open incident; and a sent event is recorded in the job's {@link JobReceipts}, so the job handed out again after
 * a crash does not send it a second time (its {@code page} then says {@code already-sent}).
 */
@Component
public class PageOncallWorker {

  public static final String ACTION = "action";
  public static final String SEVERITY = "severity";
  public static final String SUMMARY = "summary";
  public static final String INCIDENT_ID = "incidentId";
  public static final String PAGE = "page";

  private static final Logger log = LoggerFactory.getLogger(PageOncallWorker.class);

  private final PagerDutyPager pager;
  private final JobReceipts receipts;

  public PageOncallWorker(PagerDutyPager pager, JobReceipts receipts) {
    this.pager = pager;
    this.receipts = receipts;
  }

  @JobWorker(type = "page-oncall", fetchVariables = {RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID,
      RolloutVariables.VERSION, ACTION, SEVERITY, SUMMARY, INCIDENT_ID, JobReceipts.VARIABLE})
  public Map<String, PageReceipt> pageOncall(
      ActivatedJob job,
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
    JobReceipts.Receipts attempts = receipts.of(job);
    if (attempts.find(PAGE).isPresent()) {
      return Map.of(PAGE, new PageReceipt(event.dedupKey(), eventAction.wireName(), PageReceipt.ALREADY_SENT));
    }
    var target = runbook.notifications() == null ? null : runbook.notifications().pagerDuty();
    PageReceipt sent = pager.send(target, event);
    try {
      attempts.record(PAGE, sent.status());
    } catch (RuntimeException e) {
      // the page is out; should the job run again, PagerDuty folds the repeat into the same incident by its dedup key
      log.warn("Page of rollout {} sent, but the engine did not record it: {}", rolloutId, e.toString());
    }
    return Map.of(PAGE, sent);
  }
}
