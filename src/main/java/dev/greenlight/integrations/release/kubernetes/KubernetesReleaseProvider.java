package dev.greenlight.integrations.release.kubernetes;

import dev.greenlight.integrations.release.ReleaseAction;
import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseNotLiveException;
import dev.greenlight.integrations.release.ReleaseProvider;
import dev.greenlight.integrations.release.ReleaseResult;
import dev.greenlight.spec.ReleaseTarget;
import dev.greenlight.time.Stopwatch;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Releases a Kubernetes Deployment ({@code release.kubernetes}): a deploy or revert sets the container's image to
 * {@code image:version}, a restart stamps the pod template the way {@code kubectl rollout restart} does, a scale sets
 * the replicas; each then waits for the rollout to be live. What a deploy replaced is written on the Deployment itself
 * (annotations keyed by the change id), so a retried job, even after Greenlight restarted, reports the right previous
 * version and does not change the Deployment twice.
 */
public class KubernetesReleaseProvider implements ReleaseProvider {

  static final String CHANGE_ANNOTATION = "greenlight.dev/change-id";
  static final String PREVIOUS_VERSION_ANNOTATION = "greenlight.dev/previous-version";
  static final String RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";
  static final String RESTARTED_BY_ANNOTATION = "greenlight.dev/restarted-by";
  private static final String PROVIDER = "kubernetes";

  private final KubernetesClient client;
  private final ReleaseTarget.Kubernetes target;
  private final Duration deadline;
  private final Clock clock;

  public KubernetesReleaseProvider(
      KubernetesClient client, ReleaseTarget.Kubernetes target, Duration deadline, Clock clock) {
    if (target == null || blank(target.deployment()) || blank(target.container()) || blank(target.image())) {
      throw new IllegalArgumentException("release.provider is kubernetes but release.kubernetes is incomplete: "
          + "set deployment, container and image (namespace defaults to the client's)");
    }
    this.client = client;
    this.target = target;
    this.deadline = deadline;
    this.clock = clock;
  }

  @Override
  public ReleaseResult deploy(ReleaseChange change) {
    Stopwatch started = Stopwatch.start();
    Deployment current = existing();
    Map<String, String> annotations = annotations(current.getMetadata());
    String previousVersion;
    if (change.changeId().equals(annotations.get(CHANGE_ANNOTATION))) {
      previousVersion = annotations.get(PREVIOUS_VERSION_ANNOTATION);
    } else {
      previousVersion = tagOf(container(current).getImage());
      edit(deployment -> {
        container(deployment).setImage(target.image() + ":" + change.version());
        annotations(deployment.getMetadata()).put(CHANGE_ANNOTATION, change.changeId());
        annotations(deployment.getMetadata()).put(PREVIOUS_VERSION_ANNOTATION, previousVersion);
        return deployment;
      });
    }
    return waitUntilLive(ReleaseAction.DEPLOY, change.version(), previousVersion,
        "deployed " + change.version() + " (was " + previousVersion + ")", started);
  }

  @Override
  public ReleaseResult revert(ReleaseChange change) {
    Stopwatch started = Stopwatch.start();
    String image = target.image() + ":" + change.previousVersion();
    if (!image.equals(container(existing()).getImage())) {
      edit(deployment -> {
        container(deployment).setImage(image);
        return deployment;
      });
    }
    return waitUntilLive(ReleaseAction.REVERT, change.previousVersion(), null,
        "reverted to " + change.previousVersion(), started);
  }

  @Override
  public ReleaseResult restart(ReleaseChange change) {
    Stopwatch started = Stopwatch.start();
    Map<String, String> podAnnotations = annotations(existing().getSpec().getTemplate().getMetadata());
    if (!change.changeId().equals(podAnnotations.get(RESTARTED_BY_ANNOTATION))) {
      String now = clock.instant().toString();
      edit(deployment -> {
        ObjectMeta template = templateMetadata(deployment);
        annotations(template).put(RESTARTED_AT_ANNOTATION, now);
        annotations(template).put(RESTARTED_BY_ANNOTATION, change.changeId());
        return deployment;
      });
    }
    return waitUntilLive(ReleaseAction.RESTART, null, null, "restarted " + name(), started);
  }

  @Override
  public ReleaseResult scale(ReleaseChange change) {
    Stopwatch started = Stopwatch.start();
    edit(deployment -> {
      deployment.getSpec().setReplicas(change.replicas());
      return deployment;
    });
    return waitUntilLive(ReleaseAction.SCALE, null, null,
        "scaled " + name() + " to " + change.replicas() + " replicas", started);
  }

  /** The image tag the Deployment's container runs. */
  @Override
  public Optional<String> liveVersion(String service) {
    return Optional.of(tagOf(container(existing()).getImage()));
  }

  private ReleaseResult waitUntilLive(
      ReleaseAction action, String version, String previousVersion, String detail, Stopwatch started) {
    Deployment settled;
    try {
      settled = resource().waitUntilCondition(d -> DeploymentRollout.of(d).settled(),
          deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (KubernetesClientTimeoutException e) {
      DeploymentRollout rollout = DeploymentRollout.of(resource().get());
      throw new ReleaseNotLiveException("The rollout of " + name() + " (" + action.wireName() + ") was not live within "
          + "the deadline of " + deadline + ": " + rollout.summary(),
          result(action, version, previousVersion, "not live: " + rollout.summary(), started));
    } catch (KubernetesClientException e) {
      throw unreachable("watching the rollout of", e);
    }
    DeploymentRollout rollout = DeploymentRollout.of(settled);
    if (rollout.phase() == DeploymentRollout.Phase.STUCK) {
      throw new ReleaseNotLiveException("The rollout of " + name() + " (" + action.wireName() + ") is stuck: "
          + rollout.stuckReason() + " (" + rollout.summary() + ")",
          result(action, version, previousVersion, "stuck: " + rollout.stuckReason(), started));
    }
    return result(action, version, previousVersion, detail + "; " + rollout.summary(), started);
  }

  private ReleaseResult result(
      ReleaseAction action, String version, String previousVersion, String detail, Stopwatch started) {
    return new ReleaseResult(action.wireName(), PROVIDER, version, previousVersion, null, null, null, detail,
        started.elapsed().toMillis());
  }

  private Deployment existing() {
    Deployment deployment;
    try {
      deployment = resource().get();
    } catch (KubernetesClientException e) {
      throw unreachable("reading", e);
    }
    if (deployment == null) {
      throw new IllegalStateException("Deployment " + name() + " does not exist: check release.kubernetes.namespace "
          + "and release.kubernetes.deployment");
    }
    return deployment;
  }

  private void edit(UnaryOperator<Deployment> change) {
    try {
      resource().edit(change);
    } catch (KubernetesClientException e) {
      throw unreachable("updating", e);
    }
  }

  private IllegalStateException unreachable(String doing, KubernetesClientException e) {
    return new IllegalStateException("Kubernetes API failed while " + doing + " Deployment " + name() + ": "
        + e.getMessage() + ". Check the cluster connection (kubeconfig) and Greenlight's RBAC permissions", e);
  }

  private RollableScalableResource<Deployment> resource() {
    return client.apps().deployments().inNamespace(namespace()).withName(target.deployment());
  }

  private Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> target.container().equals(c.getName()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Deployment " + name() + " has no container '"
            + target.container() + "': check release.kubernetes.container"));
  }

  /** The tag of an image of the spec's repository; anything else cannot be rolled back to by tag. */
  private String tagOf(String image) {
    String prefix = target.image() + ":";
    if (image == null || !image.startsWith(prefix) || image.length() == prefix.length() || image.contains("@")) {
      throw new IllegalStateException("Container '" + target.container() + "' of " + name() + " runs image " + image
          + ", not a tag of " + target.image() + ": fix release.kubernetes.image or the Deployment; nothing was changed");
    }
    return image.substring(prefix.length());
  }

  private static ObjectMeta templateMetadata(Deployment deployment) {
    if (deployment.getSpec().getTemplate().getMetadata() == null) {
      deployment.getSpec().getTemplate().setMetadata(new ObjectMeta());
    }
    return deployment.getSpec().getTemplate().getMetadata();
  }

  private static Map<String, String> annotations(ObjectMeta metadata) {
    if (metadata == null) {
      return new HashMap<>();
    }
    if (metadata.getAnnotations() == null) {
      metadata.setAnnotations(new HashMap<>());
    }
    return metadata.getAnnotations();
  }

  private String namespace() {
    return blank(target.namespace()) ? client.getNamespace() : target.namespace();
  }

  private String name() {
    return namespace() + "/" + target.deployment();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
