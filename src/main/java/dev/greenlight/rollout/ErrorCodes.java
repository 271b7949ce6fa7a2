package dev.greenlight.rollout;

/** BPMN error codes thrown by workers for business outcomes; the processes catch them by these codes. */
public final class ErrorCodes {

  /** A metric gate or rollback trigger failed. */
  public static final String GATE_BREACHED = "GATE_BREACHED";
  /** A smoke test failed. */
  public static final String SMOKE_FAILED = "SMOKE_FAILED";
  /** A migration failed; the database was left as it was before. */
  public static final String MIGRATION_FAILED = "MIGRATION_FAILED";
  /**
   * The migration tool could not roll the rollout's migrations back; the report is in {@code migrationRollback} and
   * the database still holds them.
   */
  public static final String MIGRATION_ROLLBACK_FAILED = "MIGRATION_ROLLBACK_FAILED";
  /** A restored database does not match the row counts recorded at backup. */
  public static final String RESTORE_MISMATCH = "RESTORE_MISMATCH";
  /** A flag or traffic change did not read back as set. */
  public static final String CHANGE_NOT_APPLIED = "CHANGE_NOT_APPLIED";
  /** A deploy or revert did not become live before its deadline, or its rollout is stuck. */
  public static final String DEPLOY_FAILED = "DEPLOY_FAILED";
  /** Thrown inside a runbook process when a stage ends in a way that needs the rollback path. */
  public static final String ROLLBACK_REQUIRED = "ROLLBACK_REQUIRED";
  /** A sign-off or go/no-go decision said no. */
  public static final String NOT_APPROVED = "NOT_APPROVED";
  /** The runbook spec is invalid; the message lists every error by path. */
  public static final String INVALID_RUNBOOK = "INVALID_RUNBOOK";

  private ErrorCodes() {}
}
