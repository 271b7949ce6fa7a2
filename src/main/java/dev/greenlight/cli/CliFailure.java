package dev.greenlight.cli;

/** A command failed for a reason the user can act on; the message says what happened and what to do. */
class CliFailure extends RuntimeException {

  CliFailure(String message) {
    super(message);
  }

  CliFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
