package dev.greenlight.rehearsal.standins;

import dev.greenlight.integrations.BackgroundRetries;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.pagerduty.PageEvent;
import dev.greenlight.integrations.pagerduty.PageReceipt;
import dev.greenlight.integrations.pagerduty.PagerDutyPager;
import dev.greenlight.integrations.pagerduty.PagerDutyProperties;
import dev.greenlight.rehearsal.RehearsalApplication;
import dev.greenlight.rehearsal.RehearsalRecorder;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.Notifications;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * PagerDuty in a rehearsal: records each trigger, acknowledgement and resolution, which PagerDuty accepts. Without a
 * {@code notifications.pagerDuty} nobody is paged, as with the real pager.
 */
@Component
@Profile(RehearsalApplication.PROFILE)
class RecordingPager extends PagerDutyPager {

  private final RehearsalRecorder recorder;

  RecordingPager(PagerDutyProperties properties, JsonHttp http, Secrets secrets, BackgroundRetries background,
      RehearsalRecorder recorder) {
    super(properties, http, secrets, background);
    this.recorder = recorder;
  }

  @Override
  public PageReceipt send(Notifications.PagerDuty target, PageEvent event) {
    String what = event.action() == PageEvent.Action.TRIGGER
        ? "trigger " + event.severity() + " \"" + event.summary() + "\""
        : event.action().wireName() + " " + event.dedupKey();
    if (target == null || target.routingKeySecret() == null || target.routingKeySecret().isBlank()) {
      recorder.call("pagerduty", "nobody paged (the runbook has no notifications.pagerDuty): " + what);
      return new PageReceipt(event.dedupKey(), event.action().wireName(), PageReceipt.NOT_CONFIGURED);
    }
    recorder.call("pagerduty", what);
    return new PageReceipt(event.dedupKey(), event.action().wireName(), "success");
  }
}
