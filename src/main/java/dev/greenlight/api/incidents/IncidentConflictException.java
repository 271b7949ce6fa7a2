package dev.greenlight.api.incidents;

/** The incident is not in the step the request answers. */
class IncidentConflictException extends RuntimeException {

  IncidentConflictException(String message) {
    super(message);
  }
}
