package dev.greenlight.integrations.release.command;

import dev.greenlight.integrations.process.Command;
import dev.greenlight.integrations.process.CommandResult;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.integrations.release.ReleaseAction;
import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseJournal;
import dev.greenlight.integrations.release.ReleaseNotLiveException;
import dev.greenlight.integrations.release.ReleaseProvider;
import dev.greenlight.integrations.release.ReleaseResult;
import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.spec.ReleaseTarget;
import dev.greenlight.time.Deadline;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Releases with the team's own commands ({@code release.command}). Values reach the commands only as environment
 * variables, never inside an argument, so a version typed into a form cannot become part of a command line. Each job's
 * commands together get the spec's deadline; a deploy or revert that runs past it is a {@link ReleaseNotLiveException},
 * any other non-zero exit a technical failure with the exit code and the last lines of output.
 *
 * <p>A job done twice changes nothing twice: a deploy or revert whose version {@code currentVersion} already reports
 * live is not run again, the version live before a deploy is recorded in the job's {@link ReleaseJournal} before the
 * deploy command runs (so an attempt after a crash still knows it), and a restart is recorded once done.
 */
public class CommandReleaseProvider implements ReleaseProvider {

  public static final String VERSION = "GREENLIGHT_VERSION";
  public static final String PREVIOUS_VERSION = "GREENLIGHT_PREVIOUS_VERSION";
  public static final String SERVICE = "GREENLIGHT_SERVICE";
  public static final String ROLLOUT_ID = "GREENLIGHT_ROLLOUT_ID";
  public static final String REPLICAS = "GREENLIGHT_REPLICAS";
  /** Rollout id and element instance: the same on a retried job, for commands that want to skip repeated work. */
  public static final String CHANGE_ID = "GREENLIGHT_CHANGE_ID";
  /** Blue-green: the side (blue or green) being released to, for every command of the release. */
  public static final String TARGET_SIDE = "GREENLIGHT_TARGET_SIDE";
  private static final List<String> VARIABLES =
      List.of(VERSION, PREVIOUS_VERSION, SERVICE, ROLLOUT_ID, REPLICAS, CHANGE_ID, TARGET_SIDE);
  private static final String PROVIDER = "command";
  /** Longest the live version may take to read outside a release job. */
  static final Duration LIVE_VERSION_LIMIT = Duration.ofSeconds(30);
  /** Output lines kept in {@code releaseResult}: enough to see why a release failed, small enough for a variable. */
  static final int OUTPUT_LINES = 20;

  private final ReleaseTarget.Command commands;
  private final Duration deadline;
  private final CommandRunner runner;
  private final ReleaseJournal journal;
  private final Side side;

  /** @param side blue-green: the side being released to; null otherwise */
  public CommandReleaseProvider(
      ReleaseTarget.Command commands, Duration deadline, CommandRunner runner, ReleaseJournal journal, Side side) {
    if (commands == null) {
      throw new IllegalArgumentException("release.provider is command but release.command is missing: "
          + "add the argument arrays (deploy, revert, restart, scale, currentVersion)");
    }
    this.commands = commands;
    this.deadline = deadline;
    this.runner = runner;
    this.journal = journal;
    this.side = side;
  }

  @Override
  public ReleaseResult deploy(ReleaseChange change) {
    Deadline giveUpAt = Deadline.in(deadline);
    String live = currentVersion(change, giveUpAt);
    Optional<String> recorded = journal.previousVersion();
    String previousVersion = recorded.orElse(live);
    if (recorded.isEmpty()) {
      journal.recordPreviousVersion(previousVersion);
    }
    if (live.equals(change.version())) {
      return new ReleaseResult(ReleaseAction.DEPLOY.wireName(), PROVIDER, change.version(), previousVersion, null, 0,
          List.of(), change.version() + " is already live (was " + previousVersion + "); not deployed again", 0);
    }
    ReleaseChange withPrevious = new ReleaseChange(change.changeId(), change.rolloutId(), change.service(),
        change.version(), previousVersion, null);
    CommandResult run = run("deploy", commands.deploy(), withPrevious, giveUpAt);
    ReleaseResult result = result(ReleaseAction.DEPLOY, change.version(), previousVersion, run,
        "deployed " + change.version() + " (was " + previousVersion + ")");
    return liveOrFail(run, result, "release.command.deploy (deploying " + change.version() + " of " + change.service() + ")");
  }

  @Override
  public ReleaseResult revert(ReleaseChange change) {
    Deadline giveUpAt = Deadline.in(deadline);
    boolean canTellLiveVersion = commands.currentVersion() != null && !commands.currentVersion().isEmpty();
    if (canTellLiveVersion && currentVersion(change, giveUpAt).equals(change.previousVersion())) {
      return new ReleaseResult(ReleaseAction.REVERT.wireName(), PROVIDER, change.previousVersion(), null, null, 0,
          List.of(), change.previousVersion() + " is already live; not reverted again", 0);
    }
    CommandResult run = run("revert", commands.revert(), change, giveUpAt);
    ReleaseResult result = result(ReleaseAction.REVERT, change.previousVersion(), null, run,
        "reverted to " + change.previousVersion());
    return liveOrFail(run, result, "release.command.revert (reverting " + change.service() + " to "
        + change.previousVersion() + ")");
  }

  @Override
  public ReleaseResult restart(ReleaseChange change) {
    if (journal.restarted()) {
      return new ReleaseResult(ReleaseAction.RESTART.wireName(), PROVIDER, null, null, null, null, null,
          "already restarted by this job's earlier attempt; not restarted again", 0);
    }
    if (commands.restart() == null) {
      return ReleaseResult.skipped(ReleaseAction.RESTART, PROVIDER,
          "release.command.restart is not set in the runbook, so " + change.service() + " was not restarted");
    }
    CommandResult run = run("restart", commands.restart(), change, Deadline.in(deadline));
    ReleaseResult result = result(ReleaseAction.RESTART, null, null, run, "restarted " + change.service());
    ReleaseResult live = liveOrFail(run, result, "release.command.restart (restarting " + change.service() + ")");
    journal.recordRestart();
    return live;
  }

  @Override
  public ReleaseResult scale(ReleaseChange change) {
    if (commands.scale() == null) {
      return ReleaseResult.skipped(ReleaseAction.SCALE, PROVIDER,
          "release.command.scale is not set in the runbook, so " + change.service() + " was not scaled to "
              + change.replicas());
    }
    CommandResult run = run("scale", commands.scale(), change, Deadline.in(deadline));
    ReleaseResult result = result(ReleaseAction.SCALE, null, null, run,
        "scaled " + change.service() + " to " + change.replicas() + " replicas");
    return liveOrFail(run, result, "release.command.scale (scaling " + change.service() + " to "
        + change.replicas() + ")");
  }

  /**
   * What {@code release.command.currentVersion} prints, when the runbook has that command; it gets at most
   * {@link #LIVE_VERSION_LIMIT}, since someone waits for the answer before a rollout starts.
   */
  @Override
  public Optional<String> liveVersion(String service) {
    if (commands.currentVersion() == null || commands.currentVersion().isEmpty()) {
      return Optional.empty();
    }
    ReleaseChange read = new ReleaseChange("live-version-of-" + service, null, service, null, null, null);
    Duration limit = deadline.compareTo(LIVE_VERSION_LIMIT) < 0 ? deadline : LIVE_VERSION_LIMIT;
    return Optional.of(currentVersion(read, Deadline.in(limit)));
  }

  private String currentVersion(ReleaseChange change, Deadline giveUpAt) {
    CommandResult run = run("currentVersion", commands.currentVersion(), change, giveUpAt);
    if (run.timedOut()) {
      throw new IllegalStateException("release.command.currentVersion " + run.command() + " did not finish within "
          + deadline + "; nothing was deployed. Last output: " + run.outputTail());
    }
    if (run.exitCode() != 0) {
      throw failed("release.command.currentVersion", run, "nothing was deployed");
    }
    String version = run.lastLine();
    if (version.isEmpty()) {
      throw new IllegalStateException("release.command.currentVersion " + run.command()
          + " printed nothing; it must print the live version on its last line. Nothing was deployed");
    }
    return version;
  }

  private CommandResult run(String name, List<String> arguments, ReleaseChange change, Deadline giveUpAt) {
    if (arguments == null || arguments.isEmpty()) {
      throw new IllegalArgumentException("release.command." + name + " is not set in the runbook: add the argument "
          + "array that " + purpose(name) + " " + change.service());
    }
    try {
      return runner.run(Command.of(arguments)
          .unsetting(VARIABLES)
          .withEnvironment(environment(change))
          .withDeadline(giveUpAt)
          .keepingOutputLines(OUTPUT_LINES));
    } catch (IllegalStateException cannotStart) {
      throw new IllegalStateException("release.command." + name + " cannot run: " + cannotStart.getMessage(),
          cannotStart);
    }
  }

  private static String purpose(String name) {
    return switch (name) {
      case "deploy" -> "deploys $GREENLIGHT_VERSION of";
      case "revert" -> "returns to $GREENLIGHT_PREVIOUS_VERSION of";
      case "restart" -> "restarts";
      case "scale" -> "scales to $GREENLIGHT_REPLICAS";
      default -> "prints on its last line the live version of";
    };
  }

  private Map<String, String> environment(ReleaseChange change) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(CHANGE_ID, change.changeId());
    putIfPresent(environment, SERVICE, change.service());
    putIfPresent(environment, ROLLOUT_ID, change.rolloutId());
    putIfPresent(environment, VERSION, change.version());
    putIfPresent(environment, PREVIOUS_VERSION, change.previousVersion());
    putIfPresent(environment, REPLICAS, change.replicas() == null ? null : change.replicas().toString());
    putIfPresent(environment, TARGET_SIDE, side == null ? null : side.label());
    return environment;
  }

  private static void putIfPresent(Map<String, String> environment, String name, String value) {
    if (value != null) {
      environment.put(name, value);
    }
  }

  private ReleaseResult liveOrFail(CommandResult run, ReleaseResult result, String what) {
    if (run.timedOut()) {
      throw new ReleaseNotLiveException(what + " did not finish within the deadline of " + deadline
          + "; the command was killed. Last output: " + String.join(" | ", run.outputTail()), result);
    }
    if (run.exitCode() != 0) {
      throw failed(what, run, "check its output, then fix the runbook's command or the target");
    }
    return result;
  }

  private static IllegalStateException failed(String what, CommandResult run, String advice) {
    return new IllegalStateException(what + " failed: " + run.command() + " exited with " + run.exitCode()
        + "; " + advice + ". Last output: " + String.join(" | ", run.outputTail()));
  }

  private static ReleaseResult result(
      ReleaseAction action, String version, String previousVersion, CommandResult run, String detail) {
    String outcome = run.timedOut() ? "timed out" : run.exitCode() == 0 ? detail : "exit code " + run.exitCode();
    return new ReleaseResult(action.wireName(), PROVIDER, version, previousVersion, null, run.exitCode(),
        run.outputTail(), outcome, run.duration().toMillis());
  }
}
