package dev.greenlight.api.rollouts;

/** The request does not fit the rollout's state, e.g. aborting one that has ended. */
public class RolloutConflictException extends RuntimeException {

  public RolloutConflictException(String message) {
    super(message);
  }
}
