package dev.greenlight.integrations.release;

/**
 * The release side of a runbook without a {@code release} section. Lint requires the section wherever a rollout
 * deploys or scales; what is left, restarting or scaling in incident remediation, is skipped and recorded instead of
 * stopping the process.
 */
final class NoRelease implements ReleaseProvider {

  static final NoRelease INSTANCE = new NoRelease();
  private static final String PROVIDER = "none";

  private NoRelease() {}

  @Override
  public ReleaseResult deploy(ReleaseChange change) {
    throw missing("deploy " + change.version() + " of");
  }

  @Override
  public ReleaseResult revert(ReleaseChange change) {
    throw missing("revert");
  }

  @Override
  public ReleaseResult restart(ReleaseChange change) {
    return ReleaseResult.skipped(ReleaseAction.RESTART, PROVIDER,
        "the runbook has no release section, so " + change.service() + " was not restarted");
  }

  @Override
  public ReleaseResult scale(ReleaseChange change) {
    return ReleaseResult.skipped(ReleaseAction.SCALE, PROVIDER,
        "the runbook has no release section, so " + change.service() + " was not scaled to " + change.replicas());
  }

  private static IllegalArgumentException missing(String what) {
    return new IllegalArgumentException("The runbook has no release section, so Greenlight cannot " + what
        + " the service: add release (provider command, kubernetes or webhook) to the runbook");
  }
}
