package dev.greenlight.demo;

import dev.greenlight.inbox.ApprovalTask;
import dev.greenlight.inbox.DecisionOutcome;

/** Who answers the demo's go/no-go questions: the auto-approver, or a person at the terminal. */
interface Approver {

  /** The answer and its comment. */
  record Answer(DecisionOutcome outcome, String comment) {}

  Answer answer(ApprovalTask task);

  /** Says go to everything, as a person who trusts the gates would. */
  static Approver automatic() {
    return task -> new Answer(DecisionOutcome.GO, "auto-approved by the demo");
  }
}
