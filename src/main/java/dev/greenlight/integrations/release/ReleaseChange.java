package dev.greenlight.integrations.release;

import java.util.Objects;

/**
 * One release job's request.
 *
 * @param changeId rollout id plus the job's element instance key: the same on a retried job, so a provider can recognise
 *     a change it already made and not make it twice
 * @param rolloutId Greenlight's id of the rollout
 * @param service the service being changed
 * @param version the version being rolled out (deploy: the target; revert: the version being abandoned)
 * @param previousVersion revert: the version to return to; null otherwise
 * @param replicas scale: the number of instances wanted; null otherwise
 */
public record ReleaseChange(
    String changeId, String rolloutId, String service, String version, String previousVersion, Integer replicas) {

  public ReleaseChange {
    Objects.requireNonNull(changeId, "changeId");
  }

  /** The change id of a job: stable across retries of the same job, distinct for every element instance. */
  public static String changeId(String rolloutId, long elementInstanceKey) {
    return rolloutId + "/" + elementInstanceKey;
  }

  public static ReleaseChange deploy(String service, String rolloutId, long elementInstanceKey, String version) {
    return new ReleaseChange(changeId(rolloutId, elementInstanceKey), rolloutId, service,
        requireValue(version, "version", "the version to deploy"), null, null);
  }

  public static ReleaseChange revert(
      String service, String rolloutId, long elementInstanceKey, String version, String previousVersion) {
    return new ReleaseChange(changeId(rolloutId, elementInstanceKey), rolloutId, service, version,
        requireValue(previousVersion, "previousVersion", "the version to return to (set by deploy-version)"), null);
  }

  public static ReleaseChange restart(String service, String rolloutId, long elementInstanceKey) {
    return new ReleaseChange(changeId(rolloutId, elementInstanceKey), rolloutId, service, null, null, null);
  }

  public static ReleaseChange scale(String service, String rolloutId, long elementInstanceKey, Integer replicas) {
    if (replicas == null || replicas < 0) {
      throw new IllegalArgumentException(
          "Variable 'replicas' must be a whole number of 0 or more, got " + replicas + ": set it before scale-service");
    }
    return new ReleaseChange(changeId(rolloutId, elementInstanceKey), rolloutId, service, null, null, replicas);
  }

  private static String requireValue(String value, String variable, String meaning) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Variable '" + variable + "' is missing: it must hold " + meaning);
    }
    return value;
  }
}
