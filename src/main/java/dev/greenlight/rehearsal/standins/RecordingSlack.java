package dev.greenlight.rehearsal.standins;

import dev.greenlight.integrations.BackgroundRetries;
import dev.greenlight.integrations.slack.SlackDelivery;
import dev.greenlight.integrations.slack.SlackMessage;
import dev.greenlight.integrations.slack.SlackNotifier;
import dev.greenlight.integrations.slack.SlackProperties;
import dev.greenlight.rehearsal.RehearsalApplication;
import dev.greenlight.rehearsal.RehearsalRecorder;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.Notifications;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Slack in a rehearsal: records each message for the runbook's channel, which accepts it. Without a channel the
 * message is not delivered, as with the real notifier.
 */
@Component
@Profile(RehearsalApplication.PROFILE)
class RecordingSlack extends SlackNotifier {

  private final RehearsalRecorder recorder;

  RecordingSlack(SlackProperties properties, Secrets secrets, BackgroundRetries background,
      RehearsalRecorder recorder) {
    super(properties, secrets, background, "");
    this.recorder = recorder;
  }

  /** Recorded at once, like every other message: nothing goes out, so nothing waits. */
  @Override
  public void postInBackground(Notifications.Slack target, SlackMessage message, String deliveryKey) {
    post(target, message, deliveryKey);
  }

  @Override
  public SlackDelivery post(Notifications.Slack target, SlackMessage message, String deliveryKey) {
    if (target == null || target.channel() == null || target.channel().isBlank()) {
      recorder.call("slack", "not sent (" + SlackNotifier.NOT_CONFIGURED + "): \"" + message.text() + "\"");
      return new SlackDelivery(false, SlackNotifier.NOT_CONFIGURED);
    }
    recorder.call("slack", target.channel() + ": \"" + message.text() + "\"");
    return new SlackDelivery(true, null);
  }
}
