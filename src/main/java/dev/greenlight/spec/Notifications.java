package dev.greenlight.spec;

import java.time.Duration;
import java.util.List;

/**
 * Where people hear about a rollout and who is paged.
 *
 * @param slack the channel for progress, reports and war rooms
 * @param pagerDuty the PagerDuty service that pages the on-call
 * @param escalation who is escalated to when a page is not acknowledged in time
 */
public record Notifications(Slack slack, PagerDuty pagerDuty, Escalation escalation) {

  /** @param channel e.g. #deploys @param tokenSecret name of the secret with the bot token */
  public record Slack(String channel, String tokenSecret) {}

  /** @param routingKeySecret name of the secret with the Events API v2 routing key */
  public record PagerDuty(String routingKeySecret) {}

  /**
   * @param levels escalation levels in order (level 1 first), each a PagerDuty escalation target or group
   * @param ackTimeout how long a level has to acknowledge before the next is paged
   */
  public record Escalation(List<String> levels, Duration ackTimeout) {}
}
