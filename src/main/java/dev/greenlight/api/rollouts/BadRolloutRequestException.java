package dev.greenlight.api.rollouts;

/** The request body is missing something or mixes what cannot go together. */
public class BadRolloutRequestException extends RuntimeException {

  public BadRolloutRequestException(String message) {
    super(message);
  }
}
