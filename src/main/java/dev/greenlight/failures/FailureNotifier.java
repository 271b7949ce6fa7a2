package dev.greenlight.failures;

import dev.greenlight.integrations.pagerduty.PageEvent;
import dev.greenlight.integrations.pagerduty.PageEvent.Action;
import dev.greenlight.integrations.pagerduty.PageEvent.Severity;
import dev.greenlight.integrations.pagerduty.PagerDutyPager;
import dev.greenlight.integrations.slack.SlackMessage;
import dev.greenlight.integrations.slack.SlackNotifier;
import dev.greenlight.integrations.traffic.TrafficRouters;
import dev.greenlight.integrations.traffic.TrafficWeights;
import dev.greenlight.spec.Notifications;
import dev.greenlight.spec.RunbookSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the runbook's channels about failures: Slack always, PagerDuty where the runbook has it. Messages go out in
 * order on a thread of their own, so neither a slow channel nor an outage ever holds up the job or rollback that
 * failed; a message that cannot go out is logged (the integrations retry it in the background).
 *
 * <p>Pages, each with one dedup key so repeats fold into one PagerDuty incident: a step that finally failed (P3,
 * {@code step-<element instance>}); a rollback step that fails (P1 at once, {@code rollback-failed}, resolved when the
 * step works again); a rollout stuck on an incident (P2, {@code stuck-<incident>}).
 */
@Component
public class FailureNotifier implements AutoCloseable {

  static final String ROLLBACK_FAILED = "rollback-failed";
  private static final Logger log = LoggerFactory.getLogger(FailureNotifier.class);

  private final SlackNotifier slack;
  private final PagerDutyPager pager;
  private final TrafficRouters routers;
  /** One thread, so a trigger and its resolve reach PagerDuty in order; each first try is bounded by its timeout. */
  private final ExecutorService deliveries =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("greenlight-failure-notices").factory());

  public FailureNotifier(SlackNotifier slack, PagerDutyPager pager, TrafficRouters routers) {
    this.slack = slack;
    this.pager = pager;
    this.routers = routers;
  }

  /** The step failed its last attempt and waits as an incident for a person. */
  void stepGaveUp(FailedStep step, String message) {
    post(step.runbook(), step.rolloutId(), message, step.rolloutName() + "/step-failed/" + step.jobKey());
    page(step.runbook(), step.rolloutName(), step.version(), Action.TRIGGER, Severity.P3,
        stepIncident(step), message);
  }

  /** A step that had failed its last attempt worked after a person retried it. */
  void stepRecovered(FailedStep step) {
    post(step.runbook(), step.rolloutId(), step.path() + " of " + step.rolloutName() + " works again after a retry;"
        + " the rollout goes on.", step.rolloutName() + "/step-recovered/" + step.jobKey());
    page(step.runbook(), step.rolloutName(), step.version(), Action.RESOLVE, null, stepIncident(step), null);
  }

  /** A rollback step failed for the first time: page the on-call at once, with where traffic stands now. */
  void rollbackStepFailing(FailedStep step, String message) {
    deliveries.execute(() -> {
      String summary = "Rollback of " + step.service() + " " + step.version() + " (" + step.rolloutName()
          + ") is stuck: " + message + " Traffic now: " + trafficNow(step.runbook()) + ".";
      post(step.runbook(), step.rolloutId(), summary, step.rolloutName() + "/rollback-failed/" + step.jobKey());
      page(step.runbook(), step.rolloutName(), step.version(), Action.TRIGGER, Severity.P1, ROLLBACK_FAILED, summary);
    });
  }

  /** The failing rollback step worked: the rollback goes on, the page is resolved. */
  void rollbackStepRecovered(FailedStep step) {
    post(step.runbook(), step.rolloutId(), "Rollback step " + step.path() + " of " + step.rolloutName()
        + " works again; the rollback goes on.", step.rolloutName() + "/rollback-recovered/" + step.jobKey());
    page(step.runbook(), step.rolloutName(), step.version(), Action.RESOLVE, null, ROLLBACK_FAILED, null);
  }

  /** A notification of the rollback could not go out; the rollback went on without it. */
  void rollbackNotificationFailed(FailedStep step, String message) {
    post(step.runbook(), step.rolloutId(), "The rollback of " + step.rolloutName() + " went on without "
        + step.path() + ": " + message, step.rolloutName() + "/rollback-notification/" + step.jobKey());
  }

  /**
   * A rollout has waited on an incident longer than it should: page the on-call (P2) with the incident's message and
   * tell Slack.
   *
   * @param incidentKey the incident, for the page's dedup key
   */
  public void stuck(String rolloutId, RunbookSpec runbook, String version, long incidentKey, String message) {
    String summary = "Rollout " + rolloutId + " is stuck: " + message;
    post(runbook, rolloutId, summary, rolloutId + "/stuck/" + incidentKey);
    page(runbook, rolloutId, version, Action.TRIGGER, Severity.P2, "stuck-" + incidentKey, summary);
  }

  /** A rollback step is an incident (not a job the rollback retries): page the on-call at once (P1). */
  public void rollbackStuck(String rolloutId, RunbookSpec runbook, String version, String message) {
    deliveries.execute(() -> {
      String summary = "Rollback of " + (runbook == null ? "" : runbook.service() + " ") + version + " (" + rolloutId
          + ") is stuck: " + message + " Traffic now: " + trafficNow(runbook) + ".";
      post(runbook, rolloutId, summary, rolloutId + "/rollback-stuck/" + message.hashCode());
      page(runbook, rolloutId, version, Action.TRIGGER, Severity.P1, ROLLBACK_FAILED, summary);
    });
  }

  private static String stepIncident(FailedStep step) {
    return "step-" + step.elementInstanceKey();
  }

  /** The split as the router reads it now; a rollback that cannot move traffic must say where it stands. */
  private String trafficNow(RunbookSpec runbook) {
    if (runbook == null || runbook.traffic() == null) {
      return "the runbook routes no traffic";
    }
    try {
      TrafficWeights weights = routers.forTarget(runbook.traffic()).readWeights();
      return weights.canary() + " % on the new version, " + weights.stable() + " % on the stable one (read from the "
          + runbook.traffic().provider().name().toLowerCase(java.util.Locale.ROOT) + " router)";
    } catch (RuntimeException e) {
      return "unknown, the router could not be read (" + FailureMessages.cause(e) + ")";
    }
  }

  private void post(RunbookSpec runbook, String rolloutId, String text, String deliveryKey) {
    Notifications.Slack target = runbook == null || runbook.notifications() == null
        ? null : runbook.notifications().slack();
    if (target == null) {
      log.info("Slack not configured (the runbook has no notifications.slack): nobody told: {}", text);
      return;
    }
    slack.postInBackground(target, new SlackMessage(text, runbook.service(), rolloutId, null, null, null, null),
        deliveryKey);
  }

  private void page(RunbookSpec runbook, String rolloutName, String version, Action action, Severity severity,
      String incident, String summary) {
    Notifications.PagerDuty target = runbook == null || runbook.notifications() == null
        ? null : runbook.notifications().pagerDuty();
    if (target == null) {
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rolloutId", rolloutName);
    details.put("service", runbook.service());
    if (version != null) {
      details.put("version", version);
    }
    PageEvent event = new PageEvent(action, PageEvent.dedupKey(rolloutName, incident), severity, summary,
        runbook.service(), details);
    deliveries.execute(() -> {
      try {
        pager.send(target, event);
      } catch (RuntimeException e) {
        log.error("Nobody was paged for {} of {}: {}", incident, rolloutName, FailureMessages.cause(e));
      }
    });
  }

  @Override
  public void close() {
    deliveries.close();
  }
}
