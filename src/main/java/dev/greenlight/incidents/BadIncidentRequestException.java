package dev.greenlight.incidents;

/** A request about an incident that cannot be carried out as sent; the message says what to fix. */
public class BadIncidentRequestException extends RuntimeException {

  public BadIncidentRequestException(String message) {
    super(message);
  }
}
