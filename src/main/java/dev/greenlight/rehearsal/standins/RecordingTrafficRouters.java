package dev.greenlight.rehearsal.standins;

import dev.greenlight.bounds.FilePolicy;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.integrations.traffic.TrafficRouter;
import dev.greenlight.integrations.traffic.TrafficRouters;
import dev.greenlight.integrations.traffic.TrafficWeights;
import dev.greenlight.rehearsal.RehearsalApplication;
import dev.greenlight.rehearsal.RehearsalRecorder;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.TrafficTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The traffic router in a rehearsal: records each change and reads back what was set, for every provider alike. */
@Component
@Profile(RehearsalApplication.PROFILE)
class RecordingTrafficRouters extends TrafficRouters {

  private final RehearsalRecorder recorder;
  private final Map<TrafficTarget, TrafficWeights> weights = new ConcurrentHashMap<>();

  RecordingTrafficRouters(JsonHttp http, Secrets secrets, @Lazy KubernetesClient kubernetes, CommandRunner commands,
      FilePolicy files, RehearsalRecorder recorder) {
    super(http, secrets, kubernetes, commands, files);
    this.recorder = recorder;
  }

  @Override
  public TrafficRouter forTarget(TrafficTarget target) {
    if (target == null || target.provider() == null) {
      return super.forTarget(target);
    }
    return new TrafficRouter() {
      @Override
      public void setWeights(TrafficWeights split) {
        recorder.call("traffic", describe(split) + " (" + where(target) + ")");
        weights.put(target, split);
      }

      @Override
      public TrafficWeights readWeights() {
        return weights.getOrDefault(target, Side.BLUE.weights());
      }

      @Override
      public void switchTo(Side side) {
        recorder.call("traffic", "all traffic to " + side.label() + " (" + where(target) + ")");
        weights.put(target, side.weights());
      }
    };
  }

  private static String describe(TrafficWeights split) {
    if (split.canary() == 0) {
      return "all traffic to stable";
    }
    return split.stable() == 0
        ? "all traffic to the new version"
        : "new version " + split.canary() + " % / stable " + split.stable() + " %";
  }

  private static String where(TrafficTarget target) {
    return switch (target.provider()) {
      case HTTP -> "http " + target.url();
      case NGINX -> target.nginx() == null ? "nginx"
          : "nginx upstream " + target.nginx().upstream() + " in " + target.nginx().upstreamFile();
      case KUBERNETES -> target.kubernetes() == null ? "kubernetes" : "kubernetes " + target.kubernetes().namespace()
          + "/" + (target.kubernetes().httpRoute() != null ? "httproute " + target.kubernetes().httpRoute()
          : "service " + target.kubernetes().service());
    };
  }
}
