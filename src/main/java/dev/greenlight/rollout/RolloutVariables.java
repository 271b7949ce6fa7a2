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
  /** The runbook's strategy as the spec spells it ({@code canary}), set by the {@code load-runbook} job. */
  public static final String STRATEGY = "strategy";
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
  /** The decisions people recorded during the rollout (a list, appended to by the processes). */
  public static final String DECISIONS = "decisions";
  /** Why a person aborted the rollout; sent with the {@code abort-rollout} message. */
  public static final String ABORT_REASON = "abortReason";
  /** Who aborted the rollout; sent with the {@code abort-rollout} message. */
  public static final String ABORTED_BY = "abortedBy";
  /** Name of the message that aborts a rollout; its correlation key is the {@link #ROLLOUT_ID}. */
  public static final String ABORT_MESSAGE = "abort-rollout";

  private RolloutVariables() {}
}
