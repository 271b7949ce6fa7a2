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
  /** Blue-green: the side (blue or green) that had all the traffic before the release; a rollback returns to it. */
  public static final String LIVE_SIDE = "liveSide";
  /** Blue-green: the idle side the release is deployed to, checked on and switched to; the other one. */
  public static final String TARGET_SIDE = "targetSide";
  /** The change ticket, e.g. CHG-1234. */
  public static final String TICKET = "ticket";
  /**
   * Who started the rollout (for four-eyes sign-offs); trusted only with a verifying {@link #START_SEAL}, else set to
   * null by the {@code load-runbook} job.
   */
  public static final String STARTED_BY = "startedBy";
  /** Where the rollout was started from: {@code api}, {@code cli} or {@code tasklist} (see the security Channel). */
  public static final String STARTED_VIA = "startedVia";
  /** SHA-256 of the rollout's runbook content ({@link dev.greenlight.spec.RunbookDigest}), set by the start. */
  public static final String RUNBOOK_SHA256 = "runbookSha256";
  /** Greenlight's seal over who started the rollout, how and with which runbook (the security StartSeal). */
  public static final String START_SEAL = "startSeal";
  /** The stage being watched: one {@link dev.greenlight.spec.Stage} as JSON (input of the monitoring window). */
  public static final String STAGE = "stage";
  /** How the monitoring window of {@link #STAGE} ended: {@code passed}, {@code breached} or {@code alert}. */
  public static final String STAGE_OUTCOME = "stageOutcome";
  /**
   * The stage's gate after its latest measurement ({@link dev.greenlight.gates.GateState}): verdict {@code pass},
   * {@code fail} or {@code inconclusive}, values per metric, the counters the next measurement continues from, and
   * whether (and why) the stage is breached. Input and output of {@code check-metrics}.
   */
  public static final String GATE = "gate";
  /**
   * Every stage watched so far, oldest first ({@link dev.greenlight.gates.StageRecord}): its readings, verdicts, last
   * reading and breach, added by {@code record-stage-end} when the watch ends, so no later stage overwrites it.
   */
  public static final String STAGE_HISTORY = "stageHistory";
  /** The outcome of {@code run-smoke-tests} ({@link dev.greenlight.integrations.smoke.SmokeReport}): {@code passed} and every check. */
  public static final String SMOKE_TESTS = "smokeTests";
  /** The number of instances {@code scale-service} scales to. */
  public static final String REPLICAS = "replicas";
  /**
   * What a release job ({@code deploy-version}, {@code revert-version}, {@code restart-service},
   * {@code scale-service}) did: {@link dev.greenlight.integrations.release.ReleaseResult} as JSON.
   */
  public static final String RELEASE_RESULT = "releaseResult";
  /** Webhook releases: the correlation key of the pipeline's {@code release-callback} message. */
  public static final String CALLBACK_TOKEN = "callbackToken";
  /** Webhook releases: the pipeline's report (status, version, url), carried by the {@code release-callback} message. */
  public static final String RELEASE_CALLBACK = "releaseCallback";
  /** The receipt of the backup taken before the change (file, size, SHA-256, row counts). */
  public static final String BACKUP = "backup";
  /**
   * The receipt of {@code dump-live-database}: the live database dumped beside the backups just before a chosen
   * restore, so that the restore can be undone.
   */
  public static final String LIVE_DUMP = "liveDump";
  /**
   * What {@code count-rows-since-backup} found ({@link dev.greenlight.integrations.database.DataSinceBackup}): rows
   * written since the backup per verified table, what a restore would lose and what leaving the database keeps.
   */
  public static final String SINCE_BACKUP = "sinceBackup";
  /** What {@code restore-database} restored, with the verified row counts and the live dump taken before it. */
  public static final String RESTORE = "restore";
  /** The differing row counts of a restore ({@code RESTORE_MISMATCH}): table to backed-up and restored count. */
  public static final String RESTORE_DIFFERENCES = "restoreDifferences";
  /** What {@code run-migrations} did: tool, rollback point (tag or command), outcome, last output lines. */
  public static final String MIGRATION = "migration";
  /**
   * What {@code rollback-migrations} did, in the same shape as {@link #MIGRATION}; {@code applied} stays true when the
   * tool could not undo them ({@code MIGRATION_ROLLBACK_FAILED}).
   */
  public static final String MIGRATION_ROLLBACK = "migrationRollback";
  /**
   * What a full rollback did to the database, kept in the rollout's record: {@code migrations} (the
   * {@link #MIGRATION_ROLLBACK}), {@code sinceBackup}, {@code restoreDecision} (when the deciders were asked),
   * {@code liveDump} and {@code restore} (when a restore was chosen) and {@code outcome}, one sentence for people.
   */
  public static final String DATABASE_ROLLBACK = "databaseRollback";

  /**
   * The latest go/no-go decision or sign-off, set when a person completes a user task through the approvals inbox:
   * {@code {"outcome": "go"|"no-go", "decidedBy", "decidedAt", "comment", "fields", "task", "role"}}
   * (see {@link dev.greenlight.inbox.Decision}). Processes route on {@code decision.outcome}.
   */
  public static final String DECISION = "decision";
  /** Every decision of the rollout in order; each user task appends {@link #DECISION} with an output mapping. */
  public static final String DECISIONS = "decisions";
  /**
   * Set only inside the rollback process (and the processes it calls): {@code quick}, {@code partial} or {@code full}.
   * A worker that sees it is taking a rollback step.
   */
  public static final String ROLLBACK_MODE = "rollbackMode";
  /** Why a person aborted the rollout; sent with the {@code abort-rollout} message. */
  public static final String ABORT_REASON = "abortReason";
  /** Who aborted the rollout; sent with the {@code abort-rollout} message. */
  public static final String ABORTED_BY = "abortedBy";
  /** When the rollout was aborted (ISO-8601); sent with the {@code abort-rollout} message. */
  public static final String ABORTED_AT = "abortedAt";
  /** Staged flags: the logical flag a partial rollback turned off (the trigger's {@code disableFlag}). */
  public static final String FEATURE_TURNED_OFF = "featureTurnedOff";
  /** The last flag change a rollout's stage confirmed ({@code FlagChange}: values, previous, confirmedAt). */
  public static final String FLAGS_SET = "flagsSet";
  /**
   * Why the rollout is being rolled back (the breach, failed check or no-go, or who aborted it): input of the rollback
   * call activity, kept in the rollout when the rollback ends.
   */
  public static final String ROLLBACK_REASON = "rollbackReason";
  /**
   * What failed, in words: the message of the BPMN error a worker threw (a smoke test, a deploy, a change the router or
   * flag store did not apply, an invalid runbook). Error boundary events copy it into the rollout.
   */
  public static final String FAILURE_REASON = "failureReason";
  /** Where the abort came from ({@code api}, {@code cli}); sent with the {@code abort-rollout} message. */
  public static final String ABORTED_VIA = "abortedVia";
  /** Every retry of the rollout's failed steps, oldest first: {@code {"by", "via", "at"}} each. */
  public static final String RETRIES = "retries";
  /** Name of the message that aborts a rollout; its correlation key is the {@link #ROLLOUT_ID}. */
  public static final String ABORT_MESSAGE = "abort-rollout";

  private RolloutVariables() {}
}
