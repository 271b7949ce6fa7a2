package dev.greenlight.inbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user tasks of the engine, whichever engine it is: the embedded engine's record stream or a Camunda cluster's
 * REST API. Authorization is not its business; see {@link DecisionDesk}.
 */
public interface ApprovalsInbox {

  /** Every open user task, oldest first. */
  List<ApprovalTask> openTasks();

  /** The task with this key, open or not; empty when the engine never had it. */
  Optional<ApprovalTask> task(long key);

  /**
   * Completes the task with these variables and returns once the engine has confirmed it.
   *
   * @throws TaskAlreadyDecidedException when the engine says the task is no longer open
   */
  void complete(long key, Map<String, Object> variables);
}
