package dev.greenlight.api.rollouts;

import java.util.List;
import java.util.Optional;

/** The rollouts the engine runs, read for people: the embedded engine's record stream, or a cluster's search API. */
public interface RolloutReadModel {

  /** Every rollout, oldest first. */
  List<RolloutView> all();

  Optional<RolloutView> find(String rolloutId);
}
