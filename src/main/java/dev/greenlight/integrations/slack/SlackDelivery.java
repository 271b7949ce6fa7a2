package dev.greenlight.integrations.slack;

/**
 * What became of a notification.
 *
 * @param delivered whether Slack accepted the message
 * @param error why not, when it was not delivered
 */
public record SlackDelivery(boolean delivered, String error) {

  public static SlackDelivery accepted() {
    return new SlackDelivery(true, null);
  }

  static SlackDelivery failed(String error) {
    return new SlackDelivery(false, error);
  }
}
