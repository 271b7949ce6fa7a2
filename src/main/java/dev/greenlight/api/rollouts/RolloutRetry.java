package dev.greenlight.api.rollouts;

import io.camunda.client.CamundaClient;
import java.util.List;

/**
 * {@code greenlight retry}: after a person fixed the cause, every incident anywhere in the rollout (its own process,
 * the processes it called) is resolved and its step runs again; a failed job gets one more attempt. The embedded
 * engine finds them in its read model, a cluster through its search API.
 */
public interface RolloutRetry {

  /**
   * @return the steps that run again, by where they are
   * @throws RolloutNotFoundException when no rollout has the id
   * @throws RolloutConflictException when the rollout ended or has no incident waiting
   */
  List<String> retry(String rolloutId);

  /** Gives a failed job one more attempt, then resolves its incident; the engine runs the step again. */
  static void resolve(CamundaClient client, long incidentKey, Long jobKey) {
    if (jobKey != null) {
      client.newUpdateRetriesCommand(jobKey).retries(1).send().join();
    }
    client.newResolveIncidentCommand(incidentKey).send().join();
  }
}
