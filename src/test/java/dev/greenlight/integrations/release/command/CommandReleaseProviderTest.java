package dev.greenlight.integrations.release.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.integrations.release.ReleaseChange;
import dev.greenlight.integrations.release.ReleaseJournal;
import dev.greenlight.integrations.release.ReleaseNotLiveException;
import dev.greenlight.integrations.release.ReleaseResult;
import dev.greenlight.spec.ReleaseTarget;
import dev.greenlight.support.TestBounds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command provider against real scripts that keep the "deployed" version in a file. */
class CommandReleaseProviderTest {

  @TempDir Path dir;
  private Path live;
  private Path deployScript;
  private final JobJournal journal = new JobJournal();

  @BeforeEach
  void fakeService() throws IOException {
    live = dir.resolve("live-version");
    Files.writeString(live, "1.4.1\n");
    deployScript = script("deploy.sh", """
        #!/bin/sh
        echo "deploying $GREENLIGHT_VERSION of $GREENLIGHT_SERVICE for $GREENLIGHT_ROLLOUT_ID (was $GREENLIGHT_PREVIOUS_VERSION)"
        printf '%s\\n' "$GREENLIGHT_VERSION" > "$1"
        echo done
        """);
  }

  @Test
  void deploysAndRecordsTheVersionThatWasLiveBefore() throws IOException {
    ReleaseResult result = provider(commands(List.of(deployScript.toString(), live.toString())), Duration.ofSeconds(20))
        .deploy(ReleaseChange.deploy("checkout", "checkout-1", 11, "1.4.2"));

    assertThat(Files.readString(live)).isEqualTo("1.4.2\n");
    assertThat(result.previousVersion()).isEqualTo("1.4.1");
    assertThat(result.version()).isEqualTo("1.4.2");
    assertThat(result.exitCode()).isZero();
    assertThat(result.output()).containsExactly("deploying 1.4.2 of checkout for checkout-1 (was 1.4.1)", "done");
    assertThat(result.detail()).isEqualTo("deployed 1.4.2 (was 1.4.1)");
  }

  @Test
  void aRetriedDeployKeepsThePreviousVersionOfItsFirstAttemptAndDoesNotDeployALiveVersionAgain() {
    CommandReleaseProvider provider =
        provider(commands(List.of(deployScript.toString(), live.toString())), Duration.ofSeconds(20));
    ReleaseChange change = ReleaseChange.deploy("checkout", "checkout-1", 11, "1.4.2");

    provider.deploy(change);
    ReleaseResult retried = provider.deploy(change);

    assertThat(journal.previousVersion()).contains("1.4.1");
    assertThat(retried.previousVersion()).isEqualTo("1.4.1");
    assertThat(retried.output()).as("the deploy command did not run").isEmpty();
    assertThat(retried.detail()).isEqualTo("1.4.2 is already live (was 1.4.1); not deployed again");
  }

  @Test
  void aRevertWhoseVersionIsAlreadyLiveIsNotRunAgain() throws IOException {
    Path reverts = dir.resolve("reverts");
    ReleaseTarget.Command commands = new ReleaseTarget.Command(null,
        List.of("sh", "-c", "echo reverted >> \"$0\"; printf '%s\\n' \"$GREENLIGHT_PREVIOUS_VERSION\" > \"$1\"",
            reverts.toString(), live.toString()), null, null,
        List.of("cat", live.toString()));
    CommandReleaseProvider provider = provider(commands, Duration.ofSeconds(20));
    Files.writeString(live, "1.4.2\n");
    ReleaseChange revert = ReleaseChange.revert("checkout", "checkout-1", 13, "1.4.2", "1.4.1");

    provider.revert(revert);
    ReleaseResult again = provider.revert(revert);

    assertThat(Files.readAllLines(reverts)).containsExactly("reverted");
    assertThat(again.detail()).isEqualTo("1.4.1 is already live; not reverted again");
  }

  @Test
  void aDeployRunningPastTheDeadlineIsNotLive() {
    CommandReleaseProvider provider = provider(commands(List.of("sh", "-c", "echo rolling; sleep 30")),
        Duration.ofSeconds(3));

    assertThatThrownBy(() -> provider.deploy(ReleaseChange.deploy("checkout", "checkout-1", 11, "1.4.2")))
        .isInstanceOfSatisfying(ReleaseNotLiveException.class, e -> {
          assertThat(e.result().output()).containsExactly("rolling");
          assertThat(e.result().previousVersion()).isEqualTo("1.4.1");
        })
        .hasMessageContaining("release.command.deploy (deploying 1.4.2 of checkout) did not finish within the deadline of PT3S")
        .hasMessageContaining("rolling");
  }

  @Test
  void aFailingDeployIsATechnicalFailureWithExitCodeAndOutput() {
    CommandReleaseProvider provider = provider(
        commands(List.of("sh", "-c", "echo pulling image; echo 'manifest unknown' >&2; exit 7")), Duration.ofSeconds(20));

    assertThatThrownBy(() -> provider.deploy(ReleaseChange.deploy("checkout", "checkout-1", 11, "9.9.9")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("release.command.deploy (deploying 9.9.9 of checkout) failed")
        .hasMessageContaining("exited with 7")
        .hasMessageContaining("pulling image | manifest unknown");
  }

  @Test
  void aFailingCurrentVersionCommandDeploysNothing() {
    ReleaseTarget.Command commands = new ReleaseTarget.Command(List.of(deployScript.toString(), live.toString()),
        null, null, null, List.of("sh", "-c", "echo 'no kubeconfig' >&2; exit 1"));

    assertThatThrownBy(() -> provider(commands, Duration.ofSeconds(20))
        .deploy(ReleaseChange.deploy("checkout", "checkout-1", 11, "1.4.2")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("release.command.currentVersion failed")
        .hasMessageContaining("no kubeconfig")
        .hasMessageContaining("nothing was deployed");
    assertThat(live).hasContent("1.4.1");
  }

  @Test
  void aVersionFullOfShellSyntaxReachesTheCommandVerbatimAndRunsNothing() {
    Path marker = dir.resolve("pwned");
    String version = "1.0; rm -rf " + dir.resolve("nothing-here") + " $(touch " + marker + ") `touch " + marker
        + "` && touch " + marker + " | touch " + marker;
    // no shell anywhere: printenv prints the variable, and an argument that looks like a variable stays literal
    CommandReleaseProvider printing = provider(commands(List.of("printenv", "GREENLIGHT_VERSION")), Duration.ofSeconds(20));
    CommandReleaseProvider echoing = provider(commands(List.of("echo", "$GREENLIGHT_VERSION")), Duration.ofSeconds(20));

    ReleaseResult printed = printing.deploy(ReleaseChange.deploy("checkout", "checkout-1", 11, version));
    ReleaseResult echoed = echoing.deploy(ReleaseChange.deploy("checkout", "checkout-1", 12, version));

    assertThat(printed.output()).containsExactly(version);
    assertThat(echoed.output()).containsExactly("$GREENLIGHT_VERSION");
    assertThat(marker).doesNotExist();
  }

  @Test
  void keepsTheLastLinesOfOutputInTheResult() {
    CommandReleaseProvider provider = provider(commands(List.of("sh", "-c",
        "for i in $(seq 1 30); do echo line $i; done; echo oops >&2")), Duration.ofSeconds(20));

    ReleaseResult result = provider.deploy(ReleaseChange.deploy("checkout", "checkout-1", 11, "1.4.2"));

    assertThat(result.output()).hasSize(CommandReleaseProvider.OUTPUT_LINES).endsWith("line 30", "oops");
  }

  @Test
  void revertRunsWithThePreviousVersion() {
    ReleaseTarget.Command commands = new ReleaseTarget.Command(null,
        List.of("sh", "-c", "echo \"back to $GREENLIGHT_PREVIOUS_VERSION from $GREENLIGHT_VERSION\""), null, null, null);

    ReleaseResult result = provider(commands, Duration.ofSeconds(20))
        .revert(ReleaseChange.revert("checkout", "checkout-1", 13, "1.4.2", "1.4.1"));

    assertThat(result.version()).isEqualTo("1.4.1");
    assertThat(result.output()).containsExactly("back to 1.4.1 from 1.4.2");
  }

  @Test
  void scalePassesTheReplicasAndARetriedRestartDoesNotRestartTwice() throws IOException {
    Path restarts = dir.resolve("restarts");
    ReleaseTarget.Command commands = new ReleaseTarget.Command(null, null,
        List.of("sh", "-c", "echo restarted >> \"$0\"", restarts.toString()),
        List.of("sh", "-c", "echo \"replicas=$GREENLIGHT_REPLICAS\""), null);
    CommandReleaseProvider provider = provider(commands, Duration.ofSeconds(20));

    ReleaseResult scaled = provider.scale(ReleaseChange.scale("checkout", "checkout-1", 14, 6));
    ReleaseChange restart = ReleaseChange.restart("checkout", "checkout-1", 15);
    provider.restart(restart);
    ReleaseResult again = provider.restart(restart);

    assertThat(scaled.output()).containsExactly("replicas=6");
    assertThat(Files.readAllLines(restarts)).containsExactly("restarted");
    assertThat(again.detail()).contains("not restarted again");
  }

  @Test
  void theLiveVersionIsTheLastLineCurrentVersionPrintsAndNothingElseRuns() {
    Path deployed = dir.resolve("deployed");
    CommandReleaseProvider provider = provider(commands(List.of("touch", deployed.toString())), Duration.ofSeconds(20));
    CommandReleaseProvider withoutCurrentVersion = provider(new ReleaseTarget.Command(List.of("true"), List.of("true"),
        null, null, null), Duration.ofSeconds(20));

    assertThat(provider.liveVersion("checkout")).contains("1.4.1");
    assertThat(deployed).doesNotExist();
    assertThat(withoutCurrentVersion.liveVersion("checkout")).isEmpty();
  }

  @Test
  void withoutARestartOrScaleCommandTheStepIsSkippedAndSaysSo() {
    CommandReleaseProvider provider = provider(commands(List.of("true")), Duration.ofSeconds(20));

    assertThat(provider.scale(ReleaseChange.scale("checkout", "checkout-1", 14, 2)).detail())
        .isEqualTo("skipped: release.command.scale is not set in the runbook, so checkout was not scaled to 2");
    assertThat(provider.restart(ReleaseChange.restart("checkout", "checkout-1", 15)).detail())
        .isEqualTo("skipped: release.command.restart is not set in the runbook, so checkout was not restarted");
  }

  private ReleaseTarget.Command commands(List<String> deploy) {
    return new ReleaseTarget.Command(deploy, null, null, null,
        List.of("sh", "-c", "echo 'reading live version'; cat \"$0\"", live.toString()));
  }

  private CommandReleaseProvider provider(ReleaseTarget.Command commands, Duration deadline) {
    return new CommandReleaseProvider(commands, deadline,
        TestBounds.runner(dir, "sh", "printenv", "echo", "true", "cat"), journal, null);
  }

  /** What a job's receipts keep in the engine, here for one job. */
  private static final class JobJournal implements ReleaseJournal {
    private String previousVersion;
    private boolean restarted;

    @Override
    public Optional<String> previousVersion() {
      return Optional.ofNullable(previousVersion);
    }

    @Override
    public void recordPreviousVersion(String version) {
      previousVersion = version;
    }

    @Override
    public boolean restarted() {
      return restarted;
    }

    @Override
    public void recordRestart() {
      restarted = true;
    }
  }

  private Path script(String name, String body) throws IOException {
    Path script = dir.resolve(name);
    Files.writeString(script, body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
