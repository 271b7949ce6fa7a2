package dev.greenlight.rehearsal.standins;

import dev.greenlight.api.callbacks.ReleaseCallbackController;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.integrations.release.ReleaseAction;
import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseJournal;
import dev.greenlight.integrations.release.ReleaseProvider;
import dev.greenlight.integrations.release.ReleaseProviderFactory;
import dev.greenlight.integrations.release.ReleaseResult;
import dev.greenlight.integrations.release.webhook.CallbackEndpoint;
import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.rehearsal.RehearsalApplication;
import dev.greenlight.rehearsal.RehearsalRecorder;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.ReleaseTarget;
import io.camunda.client.CamundaClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The release provider in a rehearsal: records each deploy, revert, restart and scale, and every version goes live at
 * once. The version live before a rollout is called {@value #PREVIOUS}. A webhook pipeline calls back right away with
 * success, as the real one would once its run ended; a command provider without a restart or scale command skips that
 * step, as the real one does.
 */
@Component
@Profile(RehearsalApplication.PROFILE)
class RecordingReleaseProviders extends ReleaseProviderFactory {

  static final String PREVIOUS = "previous";

  private final RehearsalRecorder recorder;
  private final ObjectProvider<CamundaClient> client;

  RecordingReleaseProviders(CommandRunner commandRunner, ObjectProvider<KubernetesClient> kubernetes, Secrets secrets,
      CallbackEndpoint callbacks, JsonHttp http, Clock clock, RehearsalRecorder recorder,
      ObjectProvider<CamundaClient> client) {
    super(commandRunner, kubernetes, secrets, callbacks, http, clock);
    this.recorder = recorder;
    this.client = client;
  }

  @Override
  public ReleaseProvider forTarget(ReleaseTarget target, ReleaseJournal journal, Side side) {
    if (target == null) {
      return super.forTarget(null, journal, side);
    }
    return new ReleaseProvider() {
      @Override
      public ReleaseResult deploy(ReleaseChange change) {
        return release(target, side, ReleaseAction.DEPLOY, change, "deploy " + change.version() + onSide(side),
            change.version(), PREVIOUS, null);
      }

      @Override
      public ReleaseResult revert(ReleaseChange change) {
        return release(target, side, ReleaseAction.REVERT, change,
            "revert " + change.version() + " to " + change.previousVersion() + onSide(side), change.previousVersion(),
            null, null);
      }

      @Override
      public ReleaseResult restart(ReleaseChange change) {
        return release(target, side, ReleaseAction.RESTART, change, "restart " + change.service(), null, null,
            target.command() == null ? null : target.command().restart());
      }

      @Override
      public ReleaseResult scale(ReleaseChange change) {
        return release(target, side, ReleaseAction.SCALE, change,
            "scale " + change.service() + " to " + change.replicas() + " replicas", null, null,
            target.command() == null ? null : target.command().scale());
      }
    };
  }

  /**
   * @param command restart and scale: the command the runbook gives for it, null when it gives none
   */
  private static String onSide(Side side) {
    return side == null ? "" : " on " + side.label();
  }

  private ReleaseResult release(ReleaseTarget target, Side side, ReleaseAction action, ReleaseChange change, String what,
      String live, String previous, List<String> command) {
    String provider = target.provider().specName();
    boolean optional = action == ReleaseAction.RESTART || action == ReleaseAction.SCALE;
    if (target.provider() == ReleaseTarget.ReleaseProvider.COMMAND && optional && command == null) {
      String skipped = "release.command." + action.wireName() + " is not set in the runbook, so nothing was done";
      recorder.call("release", what + " skipped: " + skipped);
      return ReleaseResult.skipped(action, provider, skipped);
    }
    String token = null;
    String how = how(target, side, action, command);
    if (target.provider() == ReleaseTarget.ReleaseProvider.WEBHOOK) {
      token = "rehearsal-" + change.changeId().replace('/', '-');
      callBack(token, live, previous);
      how += "; the pipeline calls back: succeeded";
    }
    recorder.call("release", what + " (" + how + ")");
    return new ReleaseResult(action.wireName(), provider, live, previous, token, null, null,
        "rehearsal: " + what, 0);
  }

  private static String how(ReleaseTarget target, Side side, ReleaseAction action, List<String> command) {
    return switch (target.provider()) {
      case COMMAND -> "command " + String.join(" ", command != null ? command : switch (action) {
        case DEPLOY -> target.command().deploy();
        case REVERT -> target.command().revert();
        default -> List.of();
      });
      case KUBERNETES -> "kubernetes deployment " + target.kubernetes().namespace() + "/"
          + Side.fill(target.kubernetes().deployment(), side, "release.kubernetes.deployment");
      case WEBHOOK -> "webhook POST " + target.webhook().url();
    };
  }

  /** What the pipeline's signed callback brings: the message the process waits for, buffered until it does. */
  private void callBack(String token, String version, String previous) {
    Map<String, Object> callback = new LinkedHashMap<>();
    callback.put("status", "succeeded");
    if (version != null) {
      callback.put("version", version);
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(RolloutVariables.RELEASE_CALLBACK, callback);
    if (previous != null) {
      variables.put(RolloutVariables.PREVIOUS_VERSION, previous);
    }
    client.getObject().newPublishMessageCommand().messageName(ReleaseCallbackController.MESSAGE_NAME)
        .correlationKey(token).messageId(token).timeToLive(ReleaseTarget.LONGEST_DEADLINE).variables(variables)
        .send().join();
  }
}
