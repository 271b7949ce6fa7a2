package dev.greenlight.integrations.traffic;

import dev.greenlight.bounds.FilePolicy;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.integrations.traffic.http.HttpTrafficRouter;
import dev.greenlight.integrations.traffic.kubernetes.KubernetesTrafficRouter;
import dev.greenlight.integrations.traffic.nginx.NginxTrafficRouter;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.TrafficTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Picks the {@link TrafficRouter} for a runbook's {@code traffic} section by its provider. */
@Component
public class TrafficRouters {

  private final JsonHttp http;
  private final Secrets secrets;
  private final KubernetesClient kubernetes;
  private final CommandRunner commands;
  private final FilePolicy files;

  /**
   * @param kubernetes connected on first use, so runbooks without Kubernetes never need a cluster configuration
   * @param commands runs nginx's test and reload commands within the server's command policy
   * @param files where the server lets runbooks write (the nginx upstream file)
   */
  public TrafficRouters(JsonHttp http, Secrets secrets, @Lazy KubernetesClient kubernetes, CommandRunner commands,
      FilePolicy files) {
    this.http = http;
    this.secrets = secrets;
    this.kubernetes = kubernetes;
    this.commands = commands;
    this.files = files;
  }

  public TrafficRouter forTarget(TrafficTarget target) {
    if (target == null) {
      throw new IllegalArgumentException("The runbook has no traffic section: add one to shift traffic");
    }
    if (target.provider() == null) {
      throw new IllegalArgumentException("The runbook's traffic.provider is missing: set it to http, nginx or kubernetes");
    }
    return switch (target.provider()) {
      case HTTP -> new HttpTrafficRouter(http, URI.create(required(target.url(), "traffic.url")),
          secrets.requireIfNamed(target.tokenSecret()));
      case NGINX -> nginx(required(target.nginx(), "traffic.nginx"));
      case KUBERNETES -> new KubernetesTrafficRouter(kubernetes, required(target.kubernetes(), "traffic.kubernetes"));
    };
  }

  private TrafficRouter nginx(TrafficTarget.Nginx nginx) {
    String upstreamFile = required(nginx.upstreamFile(), "traffic.nginx.upstreamFile");
    return new NginxTrafficRouter(nginx, files.allowed("traffic.nginx.upstreamFile", upstreamFile), commands);
  }

  private static <T> T required(T value, String field) {
    if (value == null || value instanceof String text && text.isBlank()) {
      throw new IllegalArgumentException("The runbook's " + field + " is missing: the traffic provider needs it");
    }
    return value;
  }
}
