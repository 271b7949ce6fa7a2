package dev.greenlight.workers;

import dev.greenlight.integrations.slack.SlackDelivery;
import dev.greenlight.integrations.slack.SlackMessage;
import dev.greenlight.integrations.slack.SlackNotifier;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code notify-slack}: posts {@code message} (with the optional {@code phase}, {@code stage} and {@code gate}) to the
 * runbook's Slack channel. Always completes, so a Slack outage never holds up a rollback: {@code slackDelivered} says
 * whether Slack took the message, {@code slackError} why not.
 *
 * <p>Run twice: Slack has no idempotency key, so a posted message is recorded in the job's {@link JobReceipts}; the
 * job handed out again after a crash completes without posting it a second time. Within one Greenlight process the
 * delivery key (rollout and element instance) also keeps a message being tried again in the background from going out
 * twice.
 */
@Component
public class NotifySlackWorker {

  public static final String MESSAGE = "message";
  public static final String PHASE = "phase";
  public static final String SLACK_DELIVERED = "slackDelivered";
  public static final String SLACK_ERROR = "slackError";

  private static final Logger log = LoggerFactory.getLogger(NotifySlackWorker.class);
  private static final String POSTED = "slackPosted";

  private final SlackNotifier slack;
  private final JobReceipts receipts;

  public NotifySlackWorker(SlackNotifier slack, JobReceipts receipts) {
    this.slack = slack;
    this.receipts = receipts;
  }

  @JobWorker(type = "notify-slack", fetchVariables = {RolloutVariables.RUNBOOK, RolloutVariables.ROLLOUT_ID, MESSAGE,
      PHASE, RolloutVariables.STAGE, RolloutVariables.GATE, JobReceipts.VARIABLE})
  public Map<String, Object> notifySlack(
      ActivatedJob job,
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = RolloutVariables.ROLLOUT_ID) String rolloutId,
      @Variable(name = MESSAGE) String message,
      @Variable(name = PHASE) String phase,
      @Variable(name = RolloutVariables.STAGE) Object stage,
      @Variable(name = RolloutVariables.GATE) Object gate) {
    String text = message == null || message.isBlank()
        ? "Rollout " + rolloutId + " of " + runbook.service() + (phase == null ? "" : ": " + phase)
        : message;
    SlackMessage slackMessage = new SlackMessage(text, runbook.service(), rolloutId, phase,
        describe(stage, "name"), describe(gate, "verdict"), job.getProcessInstanceKey());
    String deliveryKey = (rolloutId == null ? job.getProcessInstanceKey() : rolloutId) + "/" + job.getElementInstanceKey();
    JobReceipts.Receipts attempts = receipts.of(job);
    var slackTarget = runbook.notifications() == null ? null : runbook.notifications().slack();
    boolean postedBefore = attempts.find(POSTED).isPresent();
    SlackDelivery delivery = postedBefore ? SlackDelivery.accepted()
        : slack.post(slackTarget, slackMessage, deliveryKey);
    if (delivery.delivered() && !postedBefore) {
      try {
        attempts.record(POSTED, true);
      } catch (RuntimeException e) {
        // the message went out; a notification never fails a rollout, at worst a crash now posts it once more
        log.warn("Slack message of rollout {} posted, but the engine did not record it: {}", rolloutId, e.toString());
      }
    }
    Map<String, Object> result = new HashMap<>();
    result.put(SLACK_DELIVERED, delivery.delivered());
    result.put(SLACK_ERROR, delivery.error());
    return result;
  }

  /** Stage and gate arrive as JSON objects; the message shows their headline field. */
  private static String describe(Object variable, String headline) {
    if (variable instanceof Map<?, ?> object && object.get(headline) != null) {
      return String.valueOf(object.get(headline));
    }
    return variable == null ? null : String.valueOf(variable);
  }
}
