package dev.greenlight.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.integrations.pagerduty.PageEvent;
import dev.greenlight.integrations.pagerduty.PagerDutyPager;
import dev.greenlight.integrations.slack.SlackMessage;
import dev.greenlight.integrations.slack.SlackNotifier;
import dev.greenlight.metrics.GreenlightMetrics;
import dev.greenlight.reports.RolloutReports;
import dev.greenlight.spec.RunbookSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells everyone how a rollout ended, in the same words: the metrics count the end state, the outcome report files
 * it, Slack hears it. The API reads the same {@link RolloutOutcome} from the same variables. Pages about overdue
 * sign-offs that are still open (an abort cancelled the sign-offs before they resolved them) are resolved.
 */
@Component
public class RolloutEnds {

  private static final Logger log = LoggerFactory.getLogger(RolloutEnds.class);
  /** The incident ids of the sign-offs' escalation pages start with it (processes/sign-offs.bpmn). */
  public static final String SIGNOFF_PAGES = "signoffs-level-";

  private final GreenlightMetrics metrics;
  private final RolloutReports reports;
  private final SlackNotifier slack;
  private final PagerDutyPager pager;

  public RolloutEnds(GreenlightMetrics metrics, RolloutReports reports, SlackNotifier slack, PagerDutyPager pager) {
    this.metrics = metrics;
    this.reports = reports;
    this.slack = slack;
    this.pager = pager;
  }

  /**
   * @param endEventId the end event the rollout's process reached
   * @param variables the rollout's variables at that end event
   * @param elementInstanceKey the end event's element instance: a repeated call files and posts nothing new
   */
  public RolloutOutcome ended(RunbookSpec runbook, String endEventId, JsonNode variables, long elementInstanceKey) {
    RolloutOutcome outcome = RolloutOutcome.endedAt(endEventId, variables);
    String rolloutId = variables.path(RolloutVariables.ROLLOUT_ID).asText(null);
    String version = variables.path(RolloutVariables.VERSION).asText(null);
    String told = "Rollout " + rolloutId + " of " + runbook.service() + " " + version + " ended "
        + outcome.state().specName() + (outcome.reason() == null ? "" : ": " + outcome.reason());
    log.info(told);
    metrics.rolloutEnded(runbook.strategy(), runbook.service(), outcome.state());
    reports.ended(rolloutId, runbook.service(), version, outcome, elementInstanceKey);
    if (runbook.notifications() != null && runbook.notifications().slack() != null) {
      slack.postInBackground(runbook.notifications().slack(), new SlackMessage(told, runbook.service(), rolloutId, null, null,
          null, null), rolloutId + "/ended/" + elementInstanceKey);
    }
    if (runbook.notifications() != null && runbook.notifications().pagerDuty() != null) {
      pager.resolveTriggered(runbook.notifications().pagerDuty(), PageEvent.dedupKey(rolloutId, SIGNOFF_PAGES));
    }
    return outcome;
  }
}
