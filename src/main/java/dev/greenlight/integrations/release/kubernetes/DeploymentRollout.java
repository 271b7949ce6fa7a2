package dev.greenlight.integrations.release.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import java.util.Objects;

/**
 * Where a Deployment's rollout stands, judged the way {@code kubectl rollout status} does: live once the controller has
 * seen the latest spec and every wanted replica is updated and available with no old ones left; stuck once the
 * controller gives up ({@code Progressing=False}, reason {@code ProgressDeadlineExceeded}).
 *
 * @param summary one line for people, e.g. {@code 2/3 updated, 1/3 available, generation 4 observed 4}
 * @param stuckReason the controller's message when stuck, else null
 */
public record DeploymentRollout(Phase phase, String summary, String stuckReason) {

  public enum Phase { LIVE, PROGRESSING, STUCK }

  static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

  public static DeploymentRollout of(Deployment deployment) {
    if (deployment == null) {
      return new DeploymentRollout(Phase.PROGRESSING, "the Deployment is gone", null);
    }
    long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
    int wanted = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    DeploymentStatus status = Objects.requireNonNullElseGet(deployment.getStatus(), DeploymentStatus::new);
    long observed = Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
    int total = Objects.requireNonNullElse(status.getReplicas(), 0);
    int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
    int available = Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
    String summary = updated + "/" + wanted + " updated, " + available + "/" + wanted + " available, " + total
        + " in total, generation " + generation + " observed " + observed;

    // conditions describe the generation the controller has seen; before that they belong to the previous rollout
    boolean seenLatest = observed >= generation;
    if (seenLatest) {
      String stuck = progressDeadlineExceeded(status.getConditions());
      if (stuck != null) {
        return new DeploymentRollout(Phase.STUCK, summary, stuck);
      }
    }
    boolean live = seenLatest && updated == wanted && available == wanted && total == updated;
    return new DeploymentRollout(live ? Phase.LIVE : Phase.PROGRESSING, summary, null);
  }

  private static String progressDeadlineExceeded(List<DeploymentCondition> conditions) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream()
        .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
            && PROGRESS_DEADLINE_EXCEEDED.equals(c.getReason()))
        .map(c -> c.getMessage() == null ? PROGRESS_DEADLINE_EXCEEDED : c.getMessage())
        .findFirst().orElse(null);
  }

  public boolean settled() {
    return phase != Phase.PROGRESSING;
  }
}
