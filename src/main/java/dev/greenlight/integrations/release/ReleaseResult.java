package dev.greenlight.integrations.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a release job did, as the process sees it (variable {@code releaseResult}). Fields a provider has nothing to say
 * about are null and left out of the JSON.
 *
 * @param action deploy, revert, restart or scale
 * @param provider command, kubernetes or webhook
 * @param version the version now live (deploy: the new one; revert: the one returned to)
 * @param previousVersion deploy: the version that was live before
 * @param callbackToken webhook: the correlation key of the pipeline's {@code release-callback} message
 * @param exitCode command: the exit code of the last command run; -1 when it was killed at the deadline
 * @param output command: the last lines of its output (stdout and stderr together)
 * @param detail one line for people: what was changed and how it ended
 * @param tookMillis how long the job's work took
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseResult(
    String action,
    String provider,
    String version,
    String previousVersion,
    String callbackToken,
    Integer exitCode,
    List<String> output,
    String detail,
    long tookMillis) {

  /** A step the runbook gives no means for (no release section, no restart or scale command): nothing was changed. */
  public static ReleaseResult skipped(ReleaseAction action, String provider, String why) {
    return new ReleaseResult(action.wireName(), provider, null, null, null, null, null, "skipped: " + why, 0);
  }
}
