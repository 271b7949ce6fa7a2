package dev.greenlight.inbox;

/** No user task has this key. */
public class TaskNotFoundException extends RuntimeException {
  public TaskNotFoundException(long key) {
    super("there is no user task " + key + "; GET /api/tasks lists the open ones");
  }
}
