package dev.greenlight.integrations.release.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseNotLiveException;
import dev.greenlight.integrations.release.ReleaseResult;
import dev.greenlight.spec.ReleaseTarget;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes provider against fabric8's mock API server in CRUD mode on 127.0.0.1. The mock stores objects but runs
 * no controllers, so each test plays the Deployment controller: it writes the status a real controller would.
 */
class KubernetesReleaseProviderTest {

  private static final String NAMESPACE = "shop";
  private static final String IMAGE = "registry.example:5000/shop/checkout";
  private static final ReleaseTarget.Kubernetes TARGET = new ReleaseTarget.Kubernetes(NAMESPACE, "checkout-green", "app", IMAGE);

  private KubernetesMockServer server;
  private NamespacedKubernetesClient client;
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeEach
  void startApiServer() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    client.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
        .withNewMetadata().withName("checkout-green").withNamespace(NAMESPACE).endMetadata()
        .withNewSpec().withReplicas(3)
        .withNewSelector().addToMatchLabels("app", "checkout").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "checkout").endMetadata()
        .withNewSpec().addNewContainer().withName("sidecar").withImage("envoy:1.30").endContainer()
        .addNewContainer().withName("app").withImage(IMAGE + ":1.4.1").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
    controllerReportsRolledOut(3);
  }

  @AfterEach
  void stopApiServer() {
    background.shutdownNow();
    client.close();
    server.destroy();
  }

  @Test
  void deploySetsTheImageAndReturnsOnceTheRolloutIsComplete() throws Exception {
    CompletableFuture<ReleaseResult> deploy = inBackground(() -> provider(Duration.ofSeconds(20))
        .deploy(ReleaseChange.deploy("checkout", "checkout-1", 21, "1.4.2")));

    await().atMost(Duration.ofSeconds(10)).until(() -> appImage().equals(IMAGE + ":1.4.2"));
    assertThat(deployment().get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("envoy:1.30");
    assertThat(deploy).isNotDone();
    controllerReportsRolledOut(3);

    ReleaseResult result = deploy.get(10, TimeUnit.SECONDS);
    assertThat(result.previousVersion()).isEqualTo("1.4.1");
    assertThat(result.version()).isEqualTo("1.4.2");
    assertThat(result.provider()).isEqualTo("kubernetes");
    assertThat(result.detail()).startsWith("deployed 1.4.2 (was 1.4.1); 3/3 updated, 3/3 available");
    assertThat(deployment().get().getMetadata().getAnnotations())
        .containsEntry(KubernetesReleaseProvider.CHANGE_ANNOTATION, "checkout-1/21")
        .containsEntry(KubernetesReleaseProvider.PREVIOUS_VERSION_ANNOTATION, "1.4.1");
  }

  @Test
  void aRetriedDeployReportsThePreviousVersionOfItsFirstAttemptWithoutChangingTheDeploymentAgain() throws Exception {
    ReleaseChange change = ReleaseChange.deploy("checkout", "checkout-1", 21, "1.4.2");
    CompletableFuture<ReleaseResult> first = inBackground(() -> provider(Duration.ofSeconds(20)).deploy(change));
    await().atMost(Duration.ofSeconds(10)).until(() -> appImage().equals(IMAGE + ":1.4.2"));
    controllerReportsRolledOut(3);
    first.get(10, TimeUnit.SECONDS);
    long generation = deployment().get().getMetadata().getGeneration();

    ReleaseResult retried = provider(Duration.ofSeconds(20)).deploy(change);

    assertThat(retried.previousVersion()).isEqualTo("1.4.1");
    assertThat(deployment().get().getMetadata().getGeneration()).isEqualTo(generation);
  }

  @Test
  void aRolloutTheControllerGivesUpOnIsReportedWithItsMessage() {
    CompletableFuture<ReleaseResult> deploy = inBackground(() -> provider(Duration.ofSeconds(20))
        .deploy(ReleaseChange.deploy("checkout", "checkout-1", 21, "1.4.2")));
    await().atMost(Duration.ofSeconds(10)).until(() -> appImage().equals(IMAGE + ":1.4.2"));

    controllerReports(status -> status.withReplicas(4).withUpdatedReplicas(1).withAvailableReplicas(3)
        .withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
            .withReason("ProgressDeadlineExceeded")
            .withMessage("ReplicaSet \"checkout-green-7d9f\" has timed out progressing.").build()));

    assertThatThrownBy(() -> deploy.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(ReleaseNotLiveException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("The rollout of shop/checkout-green (deploy) is stuck: ReplicaSet "
              + "\"checkout-green-7d9f\" has timed out progressing. (1/3 updated, 3/3 available, 4 in total, "
              + "generation 2 observed 2)");
          assertThat(e.result().previousVersion()).isEqualTo("1.4.1");
        });
  }

  @Test
  void aRolloutThatNeverBecomesReadyFailsAtTheSpecDeadline() {
    long started = System.nanoTime();

    assertThatThrownBy(() -> provider(Duration.ofMillis(1500))
        .deploy(ReleaseChange.deploy("checkout", "checkout-1", 21, "1.4.2")))
        .isInstanceOf(ReleaseNotLiveException.class)
        .hasMessage("The rollout of shop/checkout-green (deploy) was not live within the deadline of PT1.5S: "
            + "3/3 updated, 3/3 available, 3 in total, generation 2 observed 1");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void revertSetsThePreviousImage() throws Exception {
    CompletableFuture<ReleaseResult> revert = inBackground(() -> provider(Duration.ofSeconds(20))
        .revert(ReleaseChange.revert("checkout", "checkout-1", 22, "1.4.2", "1.4.0")));

    await().atMost(Duration.ofSeconds(10)).until(() -> appImage().equals(IMAGE + ":1.4.0"));
    controllerReportsRolledOut(3);

    assertThat(revert.get(10, TimeUnit.SECONDS).version()).isEqualTo("1.4.0");
  }

  @Test
  void scaleSetsTheReplicasAndWaitsUntilAllAreAvailable() throws Exception {
    CompletableFuture<ReleaseResult> scale = inBackground(() -> provider(Duration.ofSeconds(20))
        .scale(ReleaseChange.scale("checkout", "checkout-1", 23, 5)));

    await().atMost(Duration.ofSeconds(10)).until(() -> deployment().get().getSpec().getReplicas() == 5);
    controllerReportsRolledOut(5);

    assertThat(scale.get(10, TimeUnit.SECONDS).detail()).startsWith("scaled shop/checkout-green to 5 replicas; 5/5");
  }

  @Test
  void restartStampsThePodTemplateOnceEvenWhenRetried() throws Exception {
    ReleaseChange change = ReleaseChange.restart("checkout", "checkout-1", 24);
    CompletableFuture<ReleaseResult> restart = inBackground(() -> provider(Duration.ofSeconds(20)).restart(change));

    await().atMost(Duration.ofSeconds(10)).until(() -> podAnnotation(KubernetesReleaseProvider.RESTARTED_AT_ANNOTATION) != null);
    String restartedAt = podAnnotation(KubernetesReleaseProvider.RESTARTED_AT_ANNOTATION);
    controllerReportsRolledOut(3);
    restart.get(10, TimeUnit.SECONDS);
    provider(Duration.ofSeconds(20)).restart(change);

    assertThat(podAnnotation(KubernetesReleaseProvider.RESTARTED_AT_ANNOTATION)).isEqualTo(restartedAt);
    assertThat(podAnnotation(KubernetesReleaseProvider.RESTARTED_BY_ANNOTATION)).isEqualTo("checkout-1/24");
  }

  @Test
  void theLiveVersionIsTheImageTagTheContainerRuns() {
    var foreign = new KubernetesReleaseProvider(client,
        new ReleaseTarget.Kubernetes(NAMESPACE, "checkout-green", "app", "docker.io/other/checkout"),
        Duration.ofSeconds(5), Clock.systemUTC());

    assertThat(provider(Duration.ofSeconds(5)).liveVersion("checkout")).contains("1.4.1");
    assertThatThrownBy(() -> foreign.liveVersion("checkout"))
        .hasMessageContaining("runs image " + IMAGE + ":1.4.1, not a tag of docker.io/other/checkout");
  }

  @Test
  void aMissingDeploymentOrForeignImageChangesNothingAndSaysWhatToFix() {
    var missing = new KubernetesReleaseProvider(client,
        new ReleaseTarget.Kubernetes(NAMESPACE, "checkout-blue", "app", IMAGE), Duration.ofSeconds(5), Clock.systemUTC());
    var foreign = new KubernetesReleaseProvider(client,
        new ReleaseTarget.Kubernetes(NAMESPACE, "checkout-green", "app", "docker.io/other/checkout"),
        Duration.ofSeconds(5), Clock.systemUTC());

    assertThatThrownBy(() -> missing.deploy(ReleaseChange.deploy("checkout", "checkout-1", 21, "1.4.2")))
        .hasMessage("Deployment shop/checkout-blue does not exist: check release.kubernetes.namespace and "
            + "release.kubernetes.deployment");
    assertThatThrownBy(() -> foreign.deploy(ReleaseChange.deploy("checkout", "checkout-1", 21, "1.4.2")))
        .hasMessageContaining("runs image " + IMAGE + ":1.4.1, not a tag of docker.io/other/checkout");
    assertThat(appImage()).isEqualTo(IMAGE + ":1.4.1");
  }

  private KubernetesReleaseProvider provider(Duration deadline) {
    return new KubernetesReleaseProvider(client, TARGET, deadline, Clock.systemUTC());
  }

  private <T> CompletableFuture<T> inBackground(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, background);
  }

  private RollableScalableResource<Deployment> deployment() {
    return client.apps().deployments().inNamespace(NAMESPACE).withName("checkout-green");
  }

  private String appImage() {
    return deployment().get().getSpec().getTemplate().getSpec().getContainers().get(1).getImage();
  }

  private String podAnnotation(String name) {
    var metadata = deployment().get().getSpec().getTemplate().getMetadata();
    return metadata.getAnnotations() == null ? null : metadata.getAnnotations().get(name);
  }

  private void controllerReportsRolledOut(int replicas) {
    controllerReports(status -> status.withReplicas(replicas).withUpdatedReplicas(replicas)
        .withAvailableReplicas(replicas).withReadyReplicas(replicas));
  }

  /** What the Deployment controller would write after seeing the latest spec. */
  private void controllerReports(java.util.function.UnaryOperator<DeploymentStatusBuilder> status) {
    Deployment current = deployment().get();
    DeploymentStatus reported = status.apply(new DeploymentStatusBuilder()
        .withObservedGeneration(current.getMetadata().getGeneration())).build();
    current.setStatus(reported);
    client.apps().deployments().inNamespace(NAMESPACE).resource(current).updateStatus();
  }
}
