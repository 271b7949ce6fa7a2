package dev.greenlight.integrations.traffic.kubernetes;

import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.integrations.traffic.TrafficRouter;
import dev.greenlight.integrations.traffic.TrafficWeights;
import dev.greenlight.spec.TrafficTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes: canary weights are the backendRef weights of a Gateway API HTTPRoute (gateway.networking.k8s.io/v1);
 * blue-green switches the selector of the Service that clients use between the blue and the green pods.
 */
public class KubernetesTrafficRouter implements TrafficRouter {

  /** Gateway API's weight of a backendRef that has none. */
  private static final int DEFAULT_BACKEND_WEIGHT = 1;

  private final KubernetesClient client;
  private final TrafficTarget.Kubernetes config;

  public KubernetesTrafficRouter(KubernetesClient client, TrafficTarget.Kubernetes config) {
    if (config.namespace() == null || config.namespace().isBlank()) {
      throw new IllegalArgumentException("traffic.kubernetes.namespace is missing");
    }
    this.client = client;
    this.config = config;
  }

  @Override
  public void setWeights(TrafficWeights weights) {
    route().edit(route -> {
      backendRefs(route).forEach(ref -> {
        if (ref.getName().equals(config.stableBackend())) {
          ref.setWeight(weights.stable());
        } else if (ref.getName().equals(config.canaryBackend())) {
          ref.setWeight(weights.canary());
        }
      });
      return route;
    });
  }

  @Override
  public TrafficWeights readWeights() {
    int stable = 0;
    int canary = 0;
    for (HTTPBackendRef ref : backendRefs(route().get())) {
      int weight = ref.getWeight() == null ? DEFAULT_BACKEND_WEIGHT : ref.getWeight();
      if (ref.getName().equals(config.stableBackend())) {
        stable = weight;
      } else if (ref.getName().equals(config.canaryBackend())) {
        canary = weight;
      }
    }
    return TrafficWeights.fromRaw(stable, canary);
  }

  @Override
  public void switchTo(Side side) {
    String value = side == Side.BLUE ? config.blueValue() : config.greenValue();
    service().edit(service -> {
      Map<String, String> selector = new HashMap<>(Optional.ofNullable(service.getSpec().getSelector()).orElse(Map.of()));
      selector.put(config.selectorKey(), value);
      service.getSpec().setSelector(selector);
      return service;
    });
  }

  @Override
  public Optional<Side> readSide() {
    Map<String, String> selector = service().get().getSpec().getSelector();
    String value = selector == null ? null : selector.get(config.selectorKey());
    if (config.blueValue().equals(value)) {
      return Optional.of(Side.BLUE);
    }
    return config.greenValue().equals(value) ? Optional.of(Side.GREEN) : Optional.empty();
  }

  private Resource<HTTPRoute> route() {
    requireFields("canary weights need httpRoute, stableBackend and canaryBackend",
        config.httpRoute(), config.stableBackend(), config.canaryBackend());
    Resource<HTTPRoute> route =
        client.resources(HTTPRoute.class).inNamespace(config.namespace()).withName(config.httpRoute());
    requireExists(route, "HTTPRoute", config.httpRoute());
    return route;
  }

  private Resource<Service> service() {
    requireFields("a blue-green switch needs service, selectorKey, blueValue and greenValue",
        config.service(), config.selectorKey(), config.blueValue(), config.greenValue());
    Resource<Service> service = client.services().inNamespace(config.namespace()).withName(config.service());
    requireExists(service, "Service", config.service());
    return service;
  }

  /** The route's references to the stable and the canary backend, in every rule; at least one of each. */
  private List<HTTPBackendRef> backendRefs(HTTPRoute route) {
    List<HTTPBackendRef> refs = Optional.ofNullable(route.getSpec().getRules()).orElse(List.of()).stream()
        .map(HTTPRouteRule::getBackendRefs)
        .filter(Objects::nonNull)
        .flatMap(List::stream)
        .filter(ref -> ref.getName().equals(config.stableBackend()) || ref.getName().equals(config.canaryBackend()))
        .toList();
    boolean hasStable = refs.stream().anyMatch(ref -> ref.getName().equals(config.stableBackend()));
    boolean hasCanary = refs.stream().anyMatch(ref -> ref.getName().equals(config.canaryBackend()));
    if (!hasStable || !hasCanary) {
      throw new IllegalStateException("HTTPRoute " + config.namespace() + "/" + config.httpRoute()
          + " must have backendRefs to both " + config.stableBackend() + " and " + config.canaryBackend()
          + " (traffic.kubernetes.stableBackend and canaryBackend)");
    }
    return refs;
  }

  private void requireExists(Resource<? extends HasMetadata> resource, String kind, String name) {
    if (resource.get() == null) {
      throw new IllegalStateException(kind + " " + config.namespace() + "/" + name
          + " not found in the cluster: check traffic.kubernetes and the kubeconfig's context");
    }
  }

  private static void requireFields(String requirement, String... fields) {
    for (String field : fields) {
      if (field == null || field.isBlank()) {
        throw new IllegalArgumentException("traffic.kubernetes is incomplete: " + requirement);
      }
    }
  }
}
