package dev.greenlight.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The router between the stable version (blue) and the new one (canary, green).
 *
 * @param provider http (a weights API such as seed 003's {@code /api/traffic-weights}), nginx or kubernetes
 * @param url http: the weights endpoint; GET reads, PUT sets {@code {"stable": 99, "canary": 1}}
 * @param tokenSecret http: name of the secret with the bearer token, optional
 * @param nginx nginx: the upstream file and commands
 * @param kubernetes kubernetes: the Service (blue-green) and HTTPRoute (canary)
 */
public record TrafficTarget(
    TrafficProvider provider, String url, String tokenSecret, Nginx nginx, Kubernetes kubernetes) {

  public enum TrafficProvider {
    HTTP, NGINX, KUBERNETES;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }

  /**
   * @param upstreamFile the file holding the weighted {@code upstream} block, rewritten atomically
   * @param upstream name of the upstream block
   * @param stableServer host:port of the stable version
   * @param canaryServer host:port of the new version
   * @param testCommand validates the configuration, default {@code [nginx, -t]}
   * @param reloadCommand applies it, default {@code [nginx, -s, reload]}
   */
  public record Nginx(
      String upstreamFile,
      String upstream,
      String stableServer,
      String canaryServer,
      List<String> testCommand,
      List<String> reloadCommand) {}

  /**
   * @param namespace namespace of the objects
   * @param service blue-green: the Service whose selector is switched
   * @param selectorKey blue-green: the selector label that tells the sides apart, e.g. {@code slot}
   * @param blueValue blue-green: its value for the blue side's pods
   * @param greenValue blue-green: its value for the green side's pods
   * @param httpRoute canary: the Gateway API HTTPRoute whose backend weights are set
   * @param stableBackend canary: backend Service of the stable version
   * @param canaryBackend canary: backend Service of the new version
   */
  public record Kubernetes(
      String namespace,
      String service,
      String selectorKey,
      String blueValue,
      String greenValue,
      String httpRoute,
      String stableBackend,
      String canaryBackend) {}
}
