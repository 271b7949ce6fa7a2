package dev.greenlight.integrations.traffic.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.integrations.traffic.TrafficRouters;
import dev.greenlight.integrations.traffic.TrafficShift;
import dev.greenlight.integrations.traffic.TrafficShifter;
import dev.greenlight.integrations.traffic.TrafficWeights;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.TrafficTarget;
import dev.greenlight.spec.TrafficTarget.TrafficProvider;
import dev.greenlight.support.TestBounds;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.mock.env.MockEnvironment;

/** Against fabric8's Kubernetes mock API server in CRUD mode, on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesTrafficRouterTest {

  private static final String NAMESPACE = "shop";
  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
  private static final TrafficTarget TARGET = new TrafficTarget(TrafficProvider.KUBERNETES, null, null, null,
      new TrafficTarget.Kubernetes(NAMESPACE, "checkout", "slot", "blue", "green", "checkout", "checkout-stable",
          "checkout-canary"));

  private KubernetesMockServer server;
  private KubernetesClient client;
  private TrafficShifter shifter;

  @BeforeAll
  void startApiServer() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    shifter = new TrafficShifter(new TrafficRouters(new JsonHttp(JsonMapper.builder().build()),
        new Secrets(new MockEnvironment()), client, TestBounds.runner(), TestBounds.files()),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @BeforeEach
  void createServiceAndRoute() {
    client.services().inNamespace(NAMESPACE).resource(new ServiceBuilder()
        .withNewMetadata().withName("checkout").withNamespace(NAMESPACE).endMetadata()
        .withNewSpec().withSelector(Map.of("app", "checkout", "slot", "blue")).endSpec()
        .build()).create();
    client.resources(HTTPRoute.class).inNamespace(NAMESPACE).resource(new HTTPRouteBuilder()
        .withNewMetadata().withName("checkout").withNamespace(NAMESPACE).endMetadata()
        .withNewSpec()
        .addNewRule()
        .addNewBackendRef().withName("checkout-stable").withPort(8080).withWeight(100).endBackendRef()
        .addNewBackendRef().withName("checkout-canary").withPort(8080).withWeight(0).endBackendRef()
        .endRule()
        .endSpec()
        .build()).create();
  }

  @AfterEach
  void deleteServiceAndRoute() {
    client.services().inNamespace(NAMESPACE).withName("checkout").delete();
    client.resources(HTTPRoute.class).inNamespace(NAMESPACE).withName("checkout").delete();
  }

  @AfterAll
  void stopApiServer() {
    client.close();
    server.destroy();
  }

  @Test
  void canaryWeightsAreSetOnTheHttpRouteBackends() {
    TrafficShift shift = shifter.shiftTo(TARGET, TrafficWeights.onCanary(10));

    assertThat(shift).isEqualTo(new TrafficShift(90, 10, null, NOW));
    HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(NAMESPACE).withName("checkout").get();
    assertThat(route.getSpec().getRules().get(0).getBackendRefs())
        .extracting(HTTPBackendRef::getName, HTTPBackendRef::getWeight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("checkout-stable", 90),
            org.assertj.core.groups.Tuple.tuple("checkout-canary", 10));
    assertThat(route.getSpec().getRules().get(0).getBackendRefs()).extracting(HTTPBackendRef::getPort)
        .containsOnly(8080);
  }

  @Test
  void blueGreenSwitchesTheServiceSelectorAndKeepsItsOtherLabels() {
    TrafficShift shift = shifter.switchTo(TARGET, Side.GREEN);

    assertThat(shift).isEqualTo(new TrafficShift(0, 100, "green", NOW));
    Service service = client.services().inNamespace(NAMESPACE).withName("checkout").get();
    assertThat(service.getSpec().getSelector()).containsExactlyInAnyOrderEntriesOf(
        Map.of("app", "checkout", "slot", "green"));

    assertThat(shifter.switchTo(TARGET, Side.BLUE).side()).isEqualTo("blue");
    assertThat(client.services().inNamespace(NAMESPACE).withName("checkout").get().getSpec().getSelector())
        .containsEntry("slot", "blue");
  }

  @Test
  void missingRouteIsAClearError() {
    TrafficTarget wrongRoute = new TrafficTarget(TrafficProvider.KUBERNETES, null, null, null,
        new TrafficTarget.Kubernetes(NAMESPACE, "checkout", "slot", "blue", "green", "payments", "checkout-stable",
            "checkout-canary"));

    assertThatThrownBy(() -> shifter.shiftTo(wrongRoute, TrafficWeights.onCanary(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("HTTPRoute shop/payments not found in the cluster: check traffic.kubernetes and the kubeconfig's "
            + "context");
  }

  @Test
  void routeWithoutTheCanaryBackendIsAClearError() {
    TrafficTarget wrongBackend = new TrafficTarget(TrafficProvider.KUBERNETES, null, null, null,
        new TrafficTarget.Kubernetes(NAMESPACE, "checkout", "slot", "blue", "green", "checkout", "checkout-stable",
            "checkout-v2"));

    assertThatThrownBy(() -> shifter.shiftTo(wrongBackend, TrafficWeights.onCanary(10)))
        .hasMessageContaining("must have backendRefs to both checkout-stable and checkout-v2");
  }
}
