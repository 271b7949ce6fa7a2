package dev.greenlight.api.rollouts;

/** No rollout has the id. */
public class RolloutNotFoundException extends RuntimeException {

  public RolloutNotFoundException(String rolloutId) {
    super("No rollout with id '" + rolloutId + "'; greenlight list shows the rollouts");
  }
}
