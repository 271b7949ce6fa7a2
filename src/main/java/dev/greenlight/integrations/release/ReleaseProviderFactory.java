package dev.greenlight.integrations.release;

import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.integrations.release.command.CommandReleaseProvider;
import dev.greenlight.integrations.release.kubernetes.KubernetesReleaseProvider;
import dev.greenlight.integrations.release.webhook.CallbackEndpoint;
import dev.greenlight.integrations.release.webhook.WebhookReleaseProvider;
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

  private final ReleaseJournal journal;
  private final ObjectProvider<KubernetesClient> kubernetes;
  private final Secrets secrets;
  private final CallbackEndpoint callbacks;
  private final CommandRunner commandRunner;
  private final JsonHttp http;

  public ReleaseProviderFactory(ReleaseJournal journal, CommandRunner commandRunner,
      ObjectProvider<KubernetesClient> kubernetes, Secrets secrets, CallbackEndpoint callbacks, JsonHttp http) {
    this.journal = journal;
    this.commandRunner = commandRunner;
    this.kubernetes = kubernetes;
    this.secrets = secrets;
    this.callbacks = callbacks;
    this.http = http;
  }

  /**
   * The provider of a runbook's (validated) release section. A runbook without one (staged flags may leave it out) can
   * neither deploy nor revert, and its restart and scale steps are skipped and say so.
   */
  public ReleaseProvider forTarget(ReleaseTarget target) {
    if (target == null) {
      return NoRelease.INSTANCE;
    }
    Duration deadline = target.deadline();
    return switch (target.provider()) {
      case COMMAND -> new CommandReleaseProvider(target.command(), deadline, commandRunner, journal);
      case KUBERNETES -> new KubernetesReleaseProvider(kubernetes.getObject(), target.kubernetes(), deadline,
          Clock.systemUTC());
      case WEBHOOK -> webhook(target.webhook());
    };
  }

  private ReleaseProvider webhook(ReleaseTarget.Webhook webhook) {
    if (webhook == null || webhook.url() == null || webhook.url().isBlank() || webhook.signingSecret() == null) {
      throw new IllegalArgumentException("release.provider is webhook but release.webhook is incomplete: "
          + "set url and signingSecret");
    }
    callbacks.requireAllowed(webhook.signingSecret());
    return new WebhookReleaseProvider(URI.create(webhook.url()), secrets.require(webhook.signingSecret()), callbacks,
        http);
  }
}
