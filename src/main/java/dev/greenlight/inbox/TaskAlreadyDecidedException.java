package dev.greenlight.inbox;

/** The task was completed or cancelled, or another decision on it is under way. */
public class TaskAlreadyDecidedException extends RuntimeException {
  public TaskAlreadyDecidedException(String message) {
    super(message);
  }
}
