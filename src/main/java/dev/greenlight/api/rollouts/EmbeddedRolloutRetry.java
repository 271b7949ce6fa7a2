package dev.greenlight.api.rollouts;

import dev.greenlight.api.rollouts.RolloutView.IncidentView;
import dev.greenlight.api.rollouts.RolloutView.RetryingStep;
import dev.greenlight.engine.EngineProperties;
import io.camunda.client.CamundaClient;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Retry on the embedded engine: the incidents and their jobs come from the {@link EmbeddedRolloutReadModel}. */
@Component
@ConditionalOnProperty(name = EngineProperties.MODE, havingValue = "embedded", matchIfMissing = true)
public class EmbeddedRolloutRetry implements RolloutRetry {

  private final EmbeddedRolloutReadModel rollouts;
  private final CamundaClient client;

  public EmbeddedRolloutRetry(EmbeddedRolloutReadModel rollouts, CamundaClient client) {
    this.rollouts = rollouts;
    this.client = client;
  }

  @Override
  public List<String> retry(String rolloutId) {
    RolloutView rollout = rollouts.find(rolloutId).orElseThrow(() -> new RolloutNotFoundException(rolloutId));
    if (rollout.ended()) {
      throw new RolloutConflictException("Rollout " + rolloutId + " ended " + rollout.state().specName()
          + "; there is nothing to retry");
    }
    if (rollout.incidents().isEmpty()) {
      throw new RolloutConflictException(nothingToRetry(rollout));
    }
    rollout.incidents().forEach(incident -> RolloutRetry.resolve(client, incident.key(), incident.jobKey()));
    return rollout.incidents().stream().map(IncidentView::path).toList();
  }

  /** A failing step that still has attempts is retried by Greenlight itself; say when. */
  static String nothingToRetry(RolloutView rollout) {
    if (rollout.retrying().isEmpty()) {
      return "Rollout " + rollout.rolloutId() + " has no incident waiting for a retry; it is "
          + rollout.state().specName();
    }
    RetryingStep step = rollout.retrying().getFirst();
    return "Rollout " + rollout.rolloutId() + " has no incident waiting for a retry: " + step.path()
        + " is tried again automatically at " + step.nextAttemptAt();
  }
}
