package dev.greenlight.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.api.rollouts.EmbeddedRolloutReadModel;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.rollout.RolloutVariables;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Finds the rollout an incident is about: the one named when it was opened, else the service's active rollout (the
 * latest started), else its most recent one. On a Camunda cluster there is no read model here, so only a named rollout
 * is linked, with what its opener said about it.
 */
@Component
public class IncidentLinks {

  private final ObjectProvider<EmbeddedRolloutReadModel> readModel;

  public IncidentLinks(ObjectProvider<EmbeddedRolloutReadModel> readModel) {
    this.readModel = readModel;
  }

  public Optional<RolloutLink> find(String service, String namedRolloutId) {
    EmbeddedRolloutReadModel rollouts = readModel.getIfAvailable();
    if (rollouts == null) {
      return Optional.ofNullable(namedRolloutId).map(id -> new RolloutLink(id, null, null, null));
    }
    Optional<RolloutView> rollout = namedRolloutId != null ? rollouts.find(namedRolloutId)
        : rollouts.all().stream().filter(view -> service.equals(view.service()))
            .max(Comparator.comparing((RolloutView view) -> !view.ended()).thenComparing(RolloutView::startedAt));
    if (rollout.isEmpty()) {
      return Optional.ofNullable(namedRolloutId).map(id -> new RolloutLink(id, null, null, null));
    }
    String id = rollout.get().rolloutId();
    return Optional.of(new RolloutLink(id, rollout.get().version(),
        rollouts.variable(id, RolloutVariables.PREVIOUS_VERSION).filter(value -> !value.isNull())
            .map(JsonNode::asText).orElse(null),
        rollouts.variable(id, RolloutVariables.BACKUP).filter(value -> !value.isNull()).orElse(null)));
  }
}
