package dev.greenlight.integrations.release;

import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.integrations.release.command.CommandReleaseProvider;
import dev.greenlight.integrations.release.kubernetes.KubernetesReleaseProvider;
import dev.greenlight.integrations.release.webhook.CallbackEndpoint;
import dev.greenlight.integrations.release.webhook.WebhookReleaseProvider;
import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.ReleaseTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Picks the release provider a runbook's {@code release} section names, and checks the section on the way. */
@Component
public class ReleaseProviderFactory {

  private final ObjectProvider<KubernetesClient> kubernetes;
  private final Secrets secrets;
  private final CallbackEndpoint callbacks;
  private final CommandRunner commandRunner;
  private final JsonHttp http;
  private final Clock clock;

  /** @param clock the rollout's time, stamped on a Kubernetes restart */
  public ReleaseProviderFactory(CommandRunner commandRunner, ObjectProvider<KubernetesClient> kubernetes,
      Secrets secrets, CallbackEndpoint callbacks, JsonHttp http, Clock clock) {
    this.commandRunner = commandRunner;
    this.kubernetes = kubernetes;
    this.secrets = secrets;
    this.callbacks = callbacks;
    this.http = http;
    this.clock = clock;
  }

  /**
   * The provider of a runbook's (validated) release section. A runbook without one (staged flags may leave it out) can
   * neither deploy nor revert, and its restart and scale steps are skipped and say so.
   *
   * @param journal what earlier attempts of the job did: the command provider keeps its record there (Kubernetes keeps
   *     it in the Deployment's annotations, a pipeline recognises a repeated trigger by its callback token)
   */
  public final ReleaseProvider forTarget(ReleaseTarget target, ReleaseJournal journal) {
    return forTarget(target, journal, null);
  }

  /**
   * For a read or a change that needs no record of earlier attempts (reading the live version, scaling to an absolute
   * count).
   */
  public final ReleaseProvider forTarget(ReleaseTarget target) {
    return forTarget(target, ReleaseJournal.NOT_KEPT, null);
  }

  /**
   * The provider of a runbook's release section for one side of a blue-green release: the command provider passes it
   * as {@code GREENLIGHT_TARGET_SIDE}, the Kubernetes provider rolls the Deployment named with it
   * ({@code deployment: api-{{side}}}), the webhook's trigger carries it as {@code side}.
   *
   * @param side the side being released to; null outside a blue-green release
   */
  public ReleaseProvider forTarget(ReleaseTarget target, ReleaseJournal journal, Side side) {
    if (target == null) {
      return NoRelease.INSTANCE;
    }
    Duration deadline = target.deadline();
    return switch (target.provider()) {
      case COMMAND -> new CommandReleaseProvider(target.command(), deadline, commandRunner, journal, side);
      case KUBERNETES -> new KubernetesReleaseProvider(kubernetes.getObject(), onSide(target.kubernetes(), side),
          deadline, clock);
      case WEBHOOK -> webhook(target.webhook(), side);
    };
  }

  private static ReleaseTarget.Kubernetes onSide(ReleaseTarget.Kubernetes kubernetes, Side side) {
    if (kubernetes == null) {
      return null;
    }
    return new ReleaseTarget.Kubernetes(kubernetes.namespace(),
        Side.fill(kubernetes.deployment(), side, "release.kubernetes.deployment"), kubernetes.container(),
        kubernetes.image());
  }

  private ReleaseProvider webhook(ReleaseTarget.Webhook webhook, Side side) {
    if (webhook == null || webhook.url() == null || webhook.url().isBlank() || webhook.signingSecret() == null) {
      throw new IllegalArgumentException("release.provider is webhook but release.webhook is incomplete: "
          + "set url and signingSecret");
    }
    callbacks.requireAllowed(webhook.signingSecret());
    return new WebhookReleaseProvider(URI.create(webhook.url()), secrets.require(webhook.signingSecret()), callbacks,
        http, side);
  }
}
