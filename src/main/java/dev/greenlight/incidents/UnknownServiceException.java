package dev.greenlight.incidents;

/** An incident was asked for a service Greenlight has neither a runbook nor a rollout of. */
public class UnknownServiceException extends RuntimeException {

  public UnknownServiceException(String message) {
    super(message);
  }
}
