package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.release.ReleaseProviderFactory;
import dev.greenlight.integrations.release.ReleaseResult;
import dev.greenlight.integrations.release.webhook.CallbackEndpoint;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.ReleaseTarget;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.support.TestBounds;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mock.env.MockEnvironment;

/** The release workers called directly, with the command provider running real commands. */
class ReleaseWorkersTest {

  private final MockEnvironment environment = new MockEnvironment();
  @SuppressWarnings("unchecked")
  private final ReleaseProviderFactory providers = new ReleaseProviderFactory(
      TestBounds.runner("sh", "echo", "sleep", "true", "cat"), mock(ObjectProvider.class),
      new Secrets(environment), new CallbackEndpoint(environment),
      new JsonHttp(new ObjectMapper()), Clock.systemUTC());
  private final Map<Long, Map<String, Object>> engine = new HashMap<>();
  private final JobReceipts receipts = new JobReceipts(engine::put);
  private final ActivatedJob job = mock(ActivatedJob.class);

  ReleaseWorkersTest() {
    when(job.getElementInstanceKey()).thenReturn(7L);
  }

  @Test
  void deployVersionRecordsThePreviousVersionAndTheResult() {
    Map<String, Object> variables = new DeployVersionWorker(providers, receipts).deployVersion(job,
        runbook(new ReleaseTarget.Command(List.of("sh", "-c", "echo \"deploying $GREENLIGHT_VERSION\""), null, null, null,
            List.of("echo", "2.0.0")), Duration.ofSeconds(20)), "checkout-1", "2.1.0", null);

    assertThat(variables).containsEntry(RolloutVariables.PREVIOUS_VERSION, "2.0.0")
        .doesNotContainKey(RolloutVariables.CALLBACK_TOKEN);
    ReleaseResult result = (ReleaseResult) variables.get(RolloutVariables.RELEASE_RESULT);
    assertThat(result.output()).containsExactly("deploying 2.1.0");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void aDeployHandedOutAgainAfterACrashKeepsThePreviousVersionAndDoesNotDeployAgain() throws Exception {
    Path live = Files.createTempFile("live-version", "");
    Files.writeString(live, "2.0.0");
    RunbookSpec runbook = runbook(new ReleaseTarget.Command(
        List.of("sh", "-c", "printf %s \"$GREENLIGHT_VERSION\" > \"$0\"; echo deployed", live.toString()), null, null,
        null, List.of("cat", live.toString())), Duration.ofSeconds(20));
    DeployVersionWorker worker = new DeployVersionWorker(providers, receipts);

    worker.deployVersion(job, runbook, "checkout-1", "2.1.0", null);
    // the worker died before completing: the engine hands the job out again with what the first attempt recorded
    ActivatedJob again = mock(ActivatedJob.class);
    when(again.getElementInstanceKey()).thenReturn(7L);
    when(again.getVariablesAsMap()).thenReturn(Map.copyOf(engine.get(7L)));
    Map<String, Object> variables = worker.deployVersion(again, runbook, "checkout-1", "2.1.0", null);

    assertThat(engine.get(7L)).isEqualTo(Map.of(JobReceipts.VARIABLE, Map.of("previousVersion", "2.0.0")));
    assertThat(variables).containsEntry(RolloutVariables.PREVIOUS_VERSION, "2.0.0");
    assertThat(((ReleaseResult) variables.get(RolloutVariables.RELEASE_RESULT)).detail())
        .isEqualTo("2.1.0 is already live (was 2.0.0); not deployed again");
    Files.delete(live);
  }

  @Test
  void aDeployPastTheDeadlineIsTheBpmnErrorDeployFailed() {
    DeployVersionWorker worker = new DeployVersionWorker(providers, receipts);
    RunbookSpec runbook = runbook(new ReleaseTarget.Command(List.of("sleep", "30"), null, null, null,
        List.of("echo", "2.0.0")), Duration.ofSeconds(3));

    assertThatThrownBy(() -> worker.deployVersion(job, runbook, "checkout-1", "2.1.0", null))
        .isInstanceOfSatisfying(BpmnError.class, e -> {
          assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.DEPLOY_FAILED);
          assertThat(e.getErrorMessage()).contains("did not finish within the deadline of PT3S");
          assertThat(e.getVariables()).isInstanceOfSatisfying(Map.class, variables -> {
            assertThat(variables.keySet()).isEqualTo(java.util.Set.of(RolloutVariables.RELEASE_RESULT));
            assertThat(variables.get(RolloutVariables.RELEASE_RESULT)).isInstanceOf(ReleaseResult.class);
          });
        });
  }

  @Test
  void revertVersionNeedsThePreviousVersion() {
    RevertVersionWorker worker = new RevertVersionWorker(providers, receipts);
    RunbookSpec runbook = runbook(new ReleaseTarget.Command(null,
        List.of("sh", "-c", "echo \"back to $GREENLIGHT_PREVIOUS_VERSION\""), null, null, null), Duration.ofSeconds(20));

    Map<String, Object> variables = worker.revertVersion(job, runbook, "checkout-1", "2.1.0", "2.0.0", null);

    assertThat(((ReleaseResult) variables.get(RolloutVariables.RELEASE_RESULT)).output()).containsExactly("back to 2.0.0");
    assertThat(variables).doesNotContainKey(RolloutVariables.PREVIOUS_VERSION);
    assertThatThrownBy(() -> worker.revertVersion(job, runbook, "checkout-1", "2.1.0", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Variable 'previousVersion' is missing: it must hold the version to return to (set by deploy-version)");
  }

  @Test
  void restartAndScaleRunTheirCommandsAndReadBackTheLiveVersion() {
    RunbookSpec runbook = runbook(new ReleaseTarget.Command(null, null, List.of("echo", "restarting"),
        List.of("sh", "-c", "echo \"scaling to $GREENLIGHT_REPLICAS\""), List.of("echo", "3.1.0")),
        Duration.ofSeconds(20));

    Map<String, Object> restarted = new RestartServiceWorker(providers, receipts).restartService(job, runbook, "checkout-1");
    Map<String, Object> scaled = new ScaleServiceWorker(providers).scaleService(job, runbook, "checkout-1", 4);

    assertThat(((ReleaseResult) restarted.get(RolloutVariables.RELEASE_RESULT)).output()).containsExactly("restarting");
    assertThat(((ReleaseResult) scaled.get(RolloutVariables.RELEASE_RESULT)).output()).containsExactly("scaling to 4");
    assertThat(List.of(restarted, scaled)).map(result -> (ReleaseResult) result.get(RolloutVariables.RELEASE_RESULT))
        .extracting(ReleaseResult::version, ReleaseResult::detail).containsExactly(
            tuple("3.1.0", "restarted checkout; version 3.1.0 is live"),
            tuple("3.1.0", "scaled checkout to 4 replicas; version 3.1.0 is live"));
    assertThatThrownBy(() -> new ScaleServiceWorker(providers).scaleService(job, runbook, "checkout-1", -1))
        .hasMessageContaining("'replicas' must be a whole number of 0 or more, got -1");
  }

  @Test
  void stoppingTheQueueWorkersScalesThemNotTheServiceToZero() {
    ReleaseTarget.Command commands = new ReleaseTarget.Command(null, null, null,
        List.of("sh", "-c", "echo \"scaling $GREENLIGHT_SERVICE to $GREENLIGHT_REPLICAS\""), null);
    RunbookSpec withWorkers = runbook(new ReleaseTarget(ReleaseTarget.ReleaseProvider.COMMAND, Duration.ofSeconds(20),
        commands, null, null, "checkout-queue-workers"));
    RunbookSpec withoutWorkers = runbook(commands, Duration.ofSeconds(20));
    StopQueueWorkersWorker worker = new StopQueueWorkersWorker(providers);

    assertThat(((ReleaseResult) worker.stopQueueWorkers(job, withWorkers, "checkout-1")
        .get(RolloutVariables.RELEASE_RESULT)).output()).containsExactly("scaling checkout-queue-workers to 0");
    assertThat(worker.stopQueueWorkers(job, withoutWorkers, "checkout-1")).extractingByKey("releaseResult")
        .extracting("detail").isEqualTo(
            "skipped: the runbook names no queue workers (release.queueWorkers), so none were stopped");
  }

  @Test
  void aRunbookWithoutReleaseSectionOrWithAnUnlistedWebhookSecretSaysWhatToFix() {
    DeployVersionWorker worker = new DeployVersionWorker(providers, receipts);
    RunbookSpec noRelease = new RunbookSpec("checkout", null, null, null, null, null, null, null, null, List.of(),
        List.of(), null, null);
    RunbookSpec unlisted = runbook(new ReleaseTarget(ReleaseTarget.ReleaseProvider.WEBHOOK, Duration.ofMinutes(5), null,
        null, new ReleaseTarget.Webhook("http://127.0.0.1:1/hook", "SOME_SECRET"), null));

    assertThatThrownBy(() -> worker.deployVersion(job, noRelease, "checkout-1", "2.1.0", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("The runbook has no release section");
    assertThatThrownBy(() -> worker.deployVersion(job, unlisted, "checkout-1", "2.1.0", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'SOME_SECRET' is not listed in greenlight.release.webhook.signing-secrets");
    assertThat(new ScaleServiceWorker(providers).scaleService(job, noRelease, "checkout-1", 0))
        .extractingByKey("releaseResult").extracting("detail")
        .isEqualTo("skipped: the runbook has no release section, so checkout was not scaled to 0");
  }

  private static RunbookSpec runbook(ReleaseTarget.Command commands, Duration deadline) {
    return runbook(new ReleaseTarget(ReleaseTarget.ReleaseProvider.COMMAND, deadline, commands, null, null, null));
  }

  private static RunbookSpec runbook(ReleaseTarget release) {
    return new RunbookSpec("checkout", null, null, null, null, null, release, null, null, List.of(), List.of(), null, null);
  }
}
