package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.rollout.RolloutState;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Seed 002 as its runbook says it, on Kubernetes: the Service's selector tells the live side, the idle side's
 * Deployment ({@code architect-api-{{side}}}) gets the release, and the selector is switched. Against fabric8's mock
 * API server in CRUD mode, with a stand-in for the Deployment controller that reports each rollout done.
 */
@Import(BlueGreenKubernetesProcessTest.MockCluster.class)
class BlueGreenKubernetesProcessTest extends RunbookProcessTest {

  static final String NAMESPACE = "architect-production";
  static final String IMAGE = "prod-registry/architect-api";
  static final KubernetesMockServer API_SERVER = startApiServer();
  static final KubernetesClient CLUSTER = API_SERVER.createClient();
  /** Plays the Deployment controller: a Deployment whose spec changed reports its rollout complete. */
  static final ScheduledExecutorService CONTROLLER = Executors.newSingleThreadScheduledExecutor();

  static {
    CONTROLLER.scheduleWithFixedDelay(BlueGreenKubernetesProcessTest::reportRolloutsDone, 50, 50,
        TimeUnit.MILLISECONDS);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class MockCluster {
    @Bean
    @Primary
    KubernetesClient mockCluster() {
      return CLUSTER;
    }
  }

  static KubernetesMockServer startApiServer() {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    return server;
  }

  @AfterAll
  static void stopCluster() {
    CONTROLLER.shutdownNow();
    CLUSTER.close();
    API_SERVER.destroy();
  }

  @BeforeEach
  void blueIsLiveOnBothSidesVersion1() {
    CLUSTER.services().inNamespace(NAMESPACE).delete();
    CLUSTER.apps().deployments().inNamespace(NAMESPACE).delete();
    CLUSTER.services().inNamespace(NAMESPACE).resource(new ServiceBuilder()
        .withNewMetadata().withName("architect-api").withNamespace(NAMESPACE).endMetadata()
        .withNewSpec().withSelector(Map.of("app", "architect-api", "deployment", "architect-api-blue")).endSpec()
        .build()).create();
    for (String side : new String[] {"blue", "green"}) {
      CLUSTER.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
          .withNewMetadata().withName("architect-api-" + side).withNamespace(NAMESPACE).endMetadata()
          .withNewSpec().withReplicas(2)
          .withNewSelector().addToMatchLabels("deployment", "architect-api-" + side).endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("deployment", "architect-api-" + side).endMetadata()
          .withNewSpec().addNewContainer().withName("architect-api").withImage(IMAGE + ":1.0.0").endContainer()
          .endSpec().endTemplate().endSpec().build()).create();
    }
  }

  @Test
  void releasesGoToTheIdleDeploymentAndSwitchTheServiceSelectorAlternatingSides() {
    Rollout first = startYaml(runbook());
    signOff(first);
    assertThat(image("green")).as("the idle side got the release").isEqualTo(IMAGE + ":2.0.0");
    assertThat(image("blue")).isEqualTo(IMAGE + ":1.0.0");
    assertThat(selectedSide()).as("checked before any traffic moves").isEqualTo("architect-api-blue");
    assertThat(SERVICE.requests("GET", "/health/")).extracting(request -> request.path())
        .containsExactly("/health/green");

    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(10));
    assertThat(selectedSide()).isEqualTo("architect-api-green");
    driver.advance(Duration.ofHours(1), Duration.ofMinutes(30));
    assertEnded(first, RolloutState.SUCCEEDED, null);

    Rollout second = startYaml(runbook());
    signOff(second);
    assertThat(image("blue")).as("the next release goes to the other side").isEqualTo(IMAGE + ":2.0.0");
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(10));
    assertThat(selectedSide()).isEqualTo("architect-api-blue");
    driver.advance(Duration.ofHours(1), Duration.ofMinutes(30));
    assertThat(driver.variable(second.key(), "liveSide")).isEqualTo("green");
    assertEnded(second, RolloutState.SUCCEEDED, null);
  }

  @Test
  void aBreachAfterTheSwitchSelectsTheSideThatWasLiveAgain() {
    Rollout rollout = startYaml(runbook());
    signOff(rollout);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(10));
    assertThat(selectedSide()).isEqualTo("architect-api-green");

    SERVICE.set("errorRate", 0.02);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    assertThat(selectedSide()).isEqualTo("architect-api-blue");
    assertThat(image("green")).as("the idle side returned to its version").isEqualTo(IMAGE + ":1.0.0");
    assertEnded(rollout, RolloutState.ROLLED_BACK, "error rate 2 % is above the 0.1 % limit");
  }

  private void signOff(Rollout rollout) {
    driver.task(rollout.key(), "sign-off");
    for (UserTaskRecordValue task : driver.tasks(rollout.key(), "sign-off")) {
      driver.decide(task, "go", "cto-person");
    }
  }

  private String runbook() {
    String base = SERVICE.uri("").toString();
    return """
        service: architect-api
        strategy: blue-green
        traffic:
          provider: kubernetes
          kubernetes: {namespace: %1$s, service: architect-api, selectorKey: deployment,
                       blueValue: architect-api-blue, greenValue: architect-api-green}
        release:
          provider: kubernetes
          deadline: PT30S
          kubernetes: {namespace: %1$s, deployment: "architect-api-{{side}}", container: architect-api, image: %2$s}
        smokeTests:
          checks:
            - {name: health, url: "%3$s/health/{{side}}", expectJson: {$.status: UP}}
        metrics:
          provider: web
          url: %3$s/stats
          queries:
            errorRate: {jsonPath: $.errorRate, unit: ratio}
        stages:
          - {name: idle-side-checks, weight: 0, duration: PT30M, interval: PT10M, minMeasurements: 1,
             thresholds: {errorRate: "< 0.1%%"}}
          - {name: after-switch, weight: 100, duration: PT1H, interval: PT30M, minMeasurements: 1,
             thresholds: {errorRate: "< 0.1%%"}}
        approvals:
          signoffs: [{role: cto, title: CTO/VP Engineering}]
          deciders: [devops-lead]
        notifications:
          slack: {channel: "#architect-deploys", tokenSecret: TEST_SLACK_TOKEN}
          pagerDuty: {routingKeySecret: TEST_PAGERDUTY_KEY}
        """.formatted(NAMESPACE, IMAGE, base);
  }

  private static String image(String side) {
    return CLUSTER.apps().deployments().inNamespace(NAMESPACE).withName("architect-api-" + side).get()
        .getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
  }

  private static String selectedSide() {
    return CLUSTER.services().inNamespace(NAMESPACE).withName("architect-api").get().getSpec().getSelector()
        .get("deployment");
  }

  private static void reportRolloutsDone() {
    try {
      for (Deployment deployment : CLUSTER.apps().deployments().inNamespace(NAMESPACE).list().getItems()) {
        Long generation = deployment.getMetadata().getGeneration();
        Long observed = deployment.getStatus() == null ? null : deployment.getStatus().getObservedGeneration();
        if (generation != null && !Objects.equals(generation, observed)) {
          int replicas = deployment.getSpec().getReplicas();
          deployment.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation)
              .withReplicas(replicas).withUpdatedReplicas(replicas).withAvailableReplicas(replicas)
              .withReadyReplicas(replicas).build());
          CLUSTER.apps().deployments().inNamespace(NAMESPACE).resource(deployment).updateStatus();
        }
      }
    } catch (RuntimeException e) {
      // a Deployment changed between the read and the status update: the next round reports it
    }
  }
}
