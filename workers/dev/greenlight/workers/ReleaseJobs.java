package dev.greenlight.workers;

import dev.greenlight.integrations.release.ReleaseNotLiveException;
import dev.greenlight.integrations.release.ReleaseProvider;
import dev.greenlight.integrations.release.ReleaseResult;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import io.camunda.client.exception.CamundaError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** What the four release workers share: how a release result becomes job variables, and a missed deadline a BPMN error. */
final class ReleaseJobs {

  /**
   * How long a release job stays locked to the worker running it: the longest release deadline (one hour) plus time to
   * read and change the target, so the engine never hands a job that is still waiting to a second worker.
   */
  static final long JOB_TIMEOUT_MILLIS = 70L * 60 * 1000;

  private ReleaseJobs() {}

  /**
   * As {@link #run}, for a restart or scaling: the version live afterwards is read back from the platform and kept in
   * the result ({@code version}, and said in {@code detail}), so that what is reported is what runs, not what was
   * asked. A step the runbook gave no means for (skipped) reads nothing.
   */
  static Map<String, Object> runAndReadBack(ReleaseProvider provider, String service, Supplier<ReleaseResult> change) {
    return run(() -> {
      ReleaseResult result = change.get();
      if (result.version() != null || result.detail() != null && result.detail().startsWith("skipped")) {
        return result;
      }
      return provider.liveVersion(service).map(live -> new ReleaseResult(result.action(), result.provider(), live,
          result.previousVersion(), result.callbackToken(), result.exitCode(), result.output(),
          result.detail() + "; version " + live + " is live", result.tookMillis())).orElse(result);
    });
  }

  /**
   * Runs the release; its result becomes {@code releaseResult}, plus {@code previousVersion} and {@code callbackToken}
   * when the provider reported them. A version that did not become live throws BPMN error {@code DEPLOY_FAILED} with
   * {@code releaseResult} as its variables.
   */
  static Map<String, Object> run(Supplier<ReleaseResult> release) {
    ReleaseResult result;
    try {
      result = release.get();
    } catch (ReleaseNotLiveException e) {
      throw CamundaError.bpmnError(ErrorCodes.DEPLOY_FAILED, e.getMessage(),
          Map.of(RolloutVariables.RELEASE_RESULT, e.result()));
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(RolloutVariables.RELEASE_RESULT, result);
    if (result.previousVersion() != null) {
      variables.put(RolloutVariables.PREVIOUS_VERSION, result.previousVersion());
    }
    if (result.callbackToken() != null) {
      variables.put(RolloutVariables.CALLBACK_TOKEN, result.callbackToken());
    }
    return variables;
  }
}
