package dev.greenlight.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.List;

/**
 * How a version goes live, and back.
 *
 * @param provider command (argument arrays run without a shell), kubernetes (Deployments) or webhook (a CI/CD pipeline)
 * @param deadline how long a deploy or revert may take to become live
 * @param command command: the argument arrays; values such as the version arrive as environment variables
 *     ({@code GREENLIGHT_VERSION}, {@code GREENLIGHT_SERVICE}, {@code GREENLIGHT_ROLLOUT_ID}, {@code GREENLIGHT_REPLICAS}; blue-green: {@code GREENLIGHT_TARGET_SIDE})
 * @param kubernetes kubernetes: the Deployment(s)
 * @param webhook webhook: the pipeline to trigger
 * @param queueWorkers the service's queue workers, which a full rollback of a staged-flags rollout stops; null when
 *     the service has none
 */
public record ReleaseTarget(ReleaseProvider provider, Duration deadline, Command command, Kubernetes kubernetes,
    Webhook webhook, String queueWorkers) {

  /** The longest {@code deadline} a runbook may set: release jobs are held by their worker a little longer. */
  public static final Duration LONGEST_DEADLINE = Duration.ofHours(1);

  /**
   * The same release, aimed at the queue workers instead of the service: their Deployment in the same namespace
   * (kubernetes), or their name as {@code GREENLIGHT_SERVICE} (command, webhook).
   */
  public ReleaseTarget forQueueWorkers() {
    Kubernetes workers = kubernetes == null ? null
        : new Kubernetes(kubernetes.namespace(), queueWorkers, kubernetes.container(), kubernetes.image());
    return new ReleaseTarget(provider, deadline, command, workers, webhook, queueWorkers);
  }

  public enum ReleaseProvider {
    COMMAND, KUBERNETES, WEBHOOK;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }

  /**
   * @param deploy deploys {@code GREENLIGHT_VERSION} and returns when it is live
   * @param revert returns to {@code GREENLIGHT_PREVIOUS_VERSION}
   * @param restart restarts the service
   * @param scale scales to {@code GREENLIGHT_REPLICAS}
   * @param currentVersion prints the live version on its last line
   */
  public record Command(
      List<String> deploy, List<String> revert, List<String> restart, List<String> scale, List<String> currentVersion) {}

  /**
   * @param namespace namespace of the Deployments
   * @param deployment the Deployment rolled to the new version (the canary); blue-green: one per side, named with
   *     {@code {{side}}} (e.g. {@code api-{{side}}}), the idle side's is rolled
   * @param container the container whose image is set
   * @param image image repository; the version is the tag
   */
  public record Kubernetes(String namespace, String deployment, String container, String image) {}

  /**
   * @param url the pipeline's trigger URL
   * @param signingSecret name of the secret for the HMAC-SHA256 signature of the payload
   */
  public record Webhook(String url, String signingSecret) {}
}
