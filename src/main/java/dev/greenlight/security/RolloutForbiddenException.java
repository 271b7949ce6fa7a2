package dev.greenlight.security;

/** The caller may not start, abort or retry this rollout; the message names the role that would be needed. */
public class RolloutForbiddenException extends RuntimeException {

  public RolloutForbiddenException(String message) {
    super(message);
  }
}
