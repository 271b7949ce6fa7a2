package dev.greenlight.integrations.release.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.integrations.release.kubernetes.DeploymentRollout.Phase;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import org.junit.jupiter.api.Test;

class DeploymentRolloutTest {

  @Test
  void liveOnlyWhenTheLatestGenerationIsObservedAndEveryReplicaIsUpdatedAndAvailable() {
    assertThat(DeploymentRollout.of(deployment(3, 3, status(3, 3, 3, 3))).phase()).isEqualTo(Phase.LIVE);
    assertThat(DeploymentRollout.of(deployment(3, 3, status(2, 3, 3, 3))).phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(DeploymentRollout.of(deployment(3, 3, status(3, 3, 2, 3))).phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(DeploymentRollout.of(deployment(3, 3, status(3, 3, 3, 2))).phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(DeploymentRollout.of(deployment(3, 3, status(3, 4, 3, 3))).phase())
        .as("old replicas still running").isEqualTo(Phase.PROGRESSING);
    assertThat(DeploymentRollout.of(deployment(3, 3, null)).phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(DeploymentRollout.of(deployment(3, 0, status(3, 0, 0, 0))).phase()).as("scaled to zero").isEqualTo(Phase.LIVE);
  }

  @Test
  void stuckOnlyWhenTheControllerGaveUpOnTheLatestGeneration() {
    DeploymentStatus gaveUp = status(3, 3, 1, 2);
    gaveUp.setConditions(java.util.List.of(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
        .withReason("ProgressDeadlineExceeded").withMessage("timed out progressing").build()));

    DeploymentRollout stuck = DeploymentRollout.of(deployment(3, 3, gaveUp));
    assertThat(stuck.phase()).isEqualTo(Phase.STUCK);
    assertThat(stuck.stuckReason()).isEqualTo("timed out progressing");
    assertThat(DeploymentRollout.of(deployment(4, 3, gaveUp)).phase())
        .as("a condition about the previous generation").isEqualTo(Phase.PROGRESSING);
  }

  private static Deployment deployment(long generation, int replicas, DeploymentStatus status) {
    return new DeploymentBuilder().withNewMetadata().withName("d").withGeneration(generation).endMetadata()
        .withNewSpec().withReplicas(replicas).endSpec().withStatus(status).build();
  }

  private static DeploymentStatus status(long observed, int total, int updated, int available) {
    return new DeploymentStatusBuilder().withObservedGeneration(observed).withReplicas(total)
        .withUpdatedReplicas(updated).withAvailableReplicas(available).build();
  }
}
