package dev.greenlight.failures;

import dev.greenlight.spec.RunbookSpec;

/**
 * A step of a rollout whose job failed, as the people told about it need it.
 *
 * @param rolloutId the rollout; null for a process that is not a rollout (an incident response started by hand)
 * @param service the service, from the runbook
 * @param version the version being rolled out
 * @param runbook the runbook, for its channels; null when the job did not carry it (before the runbook was loaded)
 * @param path where the step is, e.g. "Release a version › Deploy the version"
 * @param jobType the job's type
 * @param jobKey the job
 * @param elementInstanceKey the step's element instance: one incident of the rollout per step
 * @param duringRollback whether the step undoes part of the rollout
 */
record FailedStep(String rolloutId, String service, String version, RunbookSpec runbook, String path, String jobType,
    long jobKey, long elementInstanceKey, boolean duringRollback) {

  /** How a person names the rollout: its id, or the service when the process has none. */
  String rolloutName() {
    return rolloutId != null ? rolloutId : service != null ? service : "process of job " + jobKey;
  }
}
