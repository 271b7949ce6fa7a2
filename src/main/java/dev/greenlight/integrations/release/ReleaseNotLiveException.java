package dev.greenlight.integrations.release;

/**
 * A business outcome, not a fault: the change was made but the version did not become live before the spec's deadline,
 * or the platform reports the rollout as stuck. Workers turn it into the BPMN error {@code DEPLOY_FAILED}.
 */
public class ReleaseNotLiveException extends RuntimeException {

  private final transient ReleaseResult result;

  public ReleaseNotLiveException(String message, ReleaseResult result) {
    super(message);
    this.result = result;
  }

  /** What was done before giving up (exit code, output, rollout state), for the process and the report. */
  public ReleaseResult result() {
    return result;
  }
}
