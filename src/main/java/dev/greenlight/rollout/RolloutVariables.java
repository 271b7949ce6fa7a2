package dev.greenlight.rollout;

/**
 * Names of the process variables every runbook process shares. BPMN expressions, workers and tests use these names;
 * change one only together with the BPMN files.
 */
public final class RolloutVariables {

  /** Greenlight's id of the rollout, e.g. {@code checkout-20261123-7f3a}; the key of idempotent side effects. */
  public static final String ROLLOUT_ID = "rolloutId";
  /** The registered runbook name the rollout was started from (Tasklist start form, REST, CLI). */
  public static final String RUNBOOK_NAME = "runbookName";
  /** The validated runbook spec ({@link dev.greenlight.spec.RunbookSpec} as JSON), set by the {@code load-runbook} job. */
  public static final String RUNBOOK = "runbook";
  /** The service being rolled out (from the spec). */
  public static final String SERVICE = "service";
  /** The version being rolled out. */
  public static final String VERSION = "version";
  /** The version that was live before, recorded by {@code deploy-version} for the rollback. */
  public static final String PREVIOUS_VERSION = "previousVersion";
  /** The change ticket, e.g. CHG-1234. */
  public static final String TICKET = "ticket";
  /** Who started the rollout (for four-eyes sign-offs). */
  public static final String STARTED_BY = "startedBy";
  /** The stage being watched: one {@link dev.greenlight.spec.Stage} as JSON (input of the monitoring window). */
  public static final String STAGE = "stage";
  /** The latest gate verdict of the stage: {@code pass}, {@code fail} or {@code inconclusive}, with measured values. */
  public static final String GATE = "gate";
  /** The receipt of the backup taken before the change (file, size, SHA-256, row counts). */
  public static final String BACKUP = "backup";

  /**
   * The latest go/no-go decision or sign-off, set when a person completes a user task through the approvals inbox:
   * {@code {"outcome": "go"|"no-go", "decidedBy", "decidedAt", "comment", "fields", "task", "role"}}
   * (see {@link dev.greenlight.inbox.Decision}). Processes route on {@code decision.outcome}.
   */
  public static final String DECISION = "decision";
  /** Every decision of the rollout in order; each user task appends {@link #DECISION} with an output mapping. */
  public static final String DECISIONS = "decisions";

  private RolloutVariables() {}
}
