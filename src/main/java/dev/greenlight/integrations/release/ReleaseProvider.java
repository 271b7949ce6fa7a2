package dev.greenlight.integrations.release;

import java.util.Optional;

/**
 * Moves a service between versions on one kind of platform. Deploy and revert return once the version is live (or, for
 * a provider that hands the work to someone else, once it has been handed over, with a callback token); they throw
 * {@link ReleaseNotLiveException} when it does not become live before the spec's deadline. Any other exception is a
 * technical failure whose message says what to fix.
 */
public interface ReleaseProvider {

  /** Rolls to {@link ReleaseChange#version()}; the result records the version that was live before. */
  ReleaseResult deploy(ReleaseChange change);

  /** Returns to {@link ReleaseChange#previousVersion()}. */
  ReleaseResult revert(ReleaseChange change);

  /** Restarts the service's instances on the version they already run. */
  ReleaseResult restart(ReleaseChange change);

  /** Scales to {@link ReleaseChange#replicas()} instances. */
  ReleaseResult scale(ReleaseChange change);

  /**
   * The version live now, read without changing anything; empty when the provider cannot tell (a pipeline behind a
   * webhook, a command runbook without {@code currentVersion}). Fails, like any call, when the platform does not answer.
   */
  default Optional<String> liveVersion(String service) {
    return Optional.empty();
  }
}
