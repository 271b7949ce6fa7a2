package dev.greenlight.api.rollouts;

import dev.greenlight.rollout.RolloutState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.support.RolloutTestProcess;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import dev.greenlight.support.LocalEngine;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read model follows a rollout through the embedded engine's records, without Spring. */
class EmbeddedRolloutReadModelTest {

  LocalEngine local;
  ZeebeTestEngine engine;
  CamundaClient client;
  EmbeddedRolloutReadModel rollouts;

  @BeforeEach
  void startEngine() {
    local = LocalEngine.start();
    engine = local.engine();
    client = local.client();
    RolloutTestProcess.deploy(client);
    rollouts = new EmbeddedRolloutReadModel(new EmbeddedRecordFeed(local.engine(), null));
  }

  @AfterEach
  void stopEngine() {
    local.close();
  }

  @Test
  void followsARolloutFromStartToAbort() {
    long instance = client.newCreateInstanceCommand().bpmnProcessId("canary-rollout").latestVersion()
        .variables(Map.of("rolloutId", "checkout-20261123-7f3a", "runbookName", "checkout", "version", "1.11.0",
            "ticket", "CHG-1234", "startedBy", "alice"))
        .send().join().getProcessInstanceKey();

    RolloutView loading = await().atMost(Duration.ofSeconds(10))
        .until(() -> rollouts.find("checkout-20261123-7f3a").orElse(null),
            view -> view != null && view.current().equals(List.of("Load runbook")));
    assertThat(loading.processInstanceKey()).isEqualTo(instance);
    assertThat(loading.strategy()).isEqualTo("canary");
    assertThat(loading.runbook()).isEqualTo("checkout");
    assertThat(loading.version()).isEqualTo("1.11.0");
    assertThat(loading.ticket()).isEqualTo("CHG-1234");
    assertThat(loading.startedBy()).isEqualTo("alice");
    assertThat(loading.state()).isEqualTo(RolloutState.ACTIVE);
    assertThat(loading.service()).isNull();

    ActivatedJob job = client.newActivateJobsCommand().jobType("load-runbook").maxJobsToActivate(1).send().join()
        .getJobs().get(0);
    client.newCompleteCommand(job).variables(Map.of("service", "checkout",
        "stage", Map.of("name", "canary", "weight", 1))).send().join();
    RolloutView deciding = await().atMost(Duration.ofSeconds(10))
        .until(() -> rollouts.find("checkout-20261123-7f3a").orElseThrow(), view -> !view.pendingDecisions().isEmpty());
    assertThat(deciding.service()).isEqualTo("checkout");
    assertThat(deciding.stage()).isEqualTo("canary");
    assertThat(deciding.current()).containsExactly("Decide go/no-go");
    assertThat(deciding.pendingDecisions().get(0).candidateGroups()).containsExactly("deployment-lead");

    client.newPublishMessageCommand().messageName("abort-rollout").correlationKey("checkout-20261123-7f3a")
        .send().join();
    RolloutView aborted = await().atMost(Duration.ofSeconds(10))
        .until(() -> rollouts.find("checkout-20261123-7f3a").orElseThrow(),
            view -> view.state() == RolloutState.ABORTED);
    assertThat(aborted.current()).isEmpty();
    assertThat(aborted.pendingDecisions()).isEmpty();
    assertThat(rollouts.all()).hasSize(1);
  }

  @Test
  void aRestartShowsTheSameRolloutsWithTheSameOpenDecisionFromTheCheckpointAndTheLogAfterIt(@TempDir Path data) {
    long first;
    long decisionKey;
    try (LocalEngine durable = LocalEngine.start(data)) {
      RolloutTestProcess.deploy(durable.client());
      EmbeddedRecordFeed feed = new EmbeddedRecordFeed(durable.engine(), data.resolve("read-models.json"));
      EmbeddedRolloutReadModel before = new EmbeddedRolloutReadModel(feed);
      first = startRollout(durable.client(), "checkout-20261123-7f3a");
      ActivatedJob job = await().atMost(Duration.ofSeconds(10)).until(() -> durable.client().newActivateJobsCommand()
          .jobType("load-runbook").maxJobsToActivate(1).send().join().getJobs(), jobs -> !jobs.isEmpty()).get(0);
      durable.client().newCompleteCommand(job).variables(Map.of("service", "checkout",
          "stage", Map.of("name", "canary", "weight", 1))).send().join();
      decisionKey = await().atMost(Duration.ofSeconds(10))
          .until(() -> before.find("checkout-20261123-7f3a").orElseThrow(), view -> !view.pendingDecisions().isEmpty())
          .pendingDecisions().get(0).key();
      assertThat(durable.engine().snapshot()).isPresent();
      // after the checkpoint: only the log has it
      startRollout(durable.client(), "payments-20261123-01ab");
      await().atMost(Duration.ofSeconds(10)).until(() -> before.all().size() == 2);
    }
    assertThat(data.resolve("read-models.json")).isRegularFile();

    try (LocalEngine restarted = LocalEngine.start(data)) {
      EmbeddedRolloutReadModel after = new EmbeddedRolloutReadModel(
          new EmbeddedRecordFeed(restarted.engine(), data.resolve("read-models.json")));
      assertThat(after.all()).extracting(RolloutView::rolloutId)
          .containsExactly("checkout-20261123-7f3a", "payments-20261123-01ab");
      RolloutView deciding = after.find("checkout-20261123-7f3a").orElseThrow();
      assertThat(deciding.processInstanceKey()).isEqualTo(first);
      assertThat(deciding.stage()).isEqualTo("canary");
      assertThat(deciding.current()).containsExactly("Decide go/no-go");
      assertThat(deciding.pendingDecisions()).extracting(RolloutView.PendingDecision::key).containsExactly(decisionKey);
    }
  }

  private static long startRollout(CamundaClient client, String rolloutId) {
    return client.newCreateInstanceCommand().bpmnProcessId("canary-rollout").latestVersion()
        .variables(Map.of("rolloutId", rolloutId, "runbookName", "checkout", "version", "1.11.0",
            "ticket", "CHG-1234", "startedBy", "alice"))
        .send().join().getProcessInstanceKey();
  }

  @Test
  void aDecisionInACalledProcessWaitsForTheRolloutWithItsQuestion() {
    client.newDeployResourceCommand()
        .addProcessModel(Bpmn.createExecutableProcess("asks-a-person").startEvent()
            .userTask("decide-restore").name("Restore the backup?").zeebeUserTask()
              .zeebeCandidateGroups("deployment-lead")
              .zeebeInputExpression("\"Restore the backup over the live database?\"", "question")
              .zeebeInputExpression("\"A restore would delete 5 rows.\"", "summary")
            .endEvent().done(), "asks-a-person.bpmn")
        .addProcessModel(Bpmn.createExecutableProcess("outer-rollout").startEvent()
            .callActivity("roll-back", call -> call.zeebeProcessId("asks-a-person")).endEvent().done(),
            "outer-rollout.bpmn")
        .send().join();

    client.newCreateInstanceCommand().bpmnProcessId("outer-rollout").latestVersion()
        .variables(Map.of("rolloutId", "checkout-20261124-0b1c")).send().join();

    RolloutView waiting = await().atMost(Duration.ofSeconds(10))
        .until(() -> rollouts.find("checkout-20261124-0b1c").orElse(null),
            view -> view != null && !view.pendingDecisions().isEmpty());
    assertThat(waiting.pendingDecisions()).singleElement().satisfies(decision -> {
      assertThat(decision.name()).isEqualTo("Restore the backup?");
      assertThat(decision.elementId()).isEqualTo("decide-restore");
      assertThat(decision.candidateGroups()).containsExactly("deployment-lead");
      assertThat(decision.question()).isEqualTo("Restore the backup over the live database?");
      assertThat(decision.summary()).isEqualTo("A restore would delete 5 rows.");
    });
    assertThat(rollouts.all()).as("the called process is not a rollout of its own").hasSize(1);
  }

  @Test
  void anInstanceWithoutARolloutIdIsNotARollout() throws Exception {
    client.newCreateInstanceCommand().bpmnProcessId("canary-rollout").latestVersion().send().join();
    engine.waitForIdleState(Duration.ofSeconds(5));

    assertThat(rollouts.all()).isEmpty();
  }

  @Test
  void theEndEventTellsHowARolloutEnded() {
    assertThat(RolloutState.endedAt("canary-rolled-back")).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(RolloutState.endedAt("rollout-aborted")).isEqualTo(RolloutState.ABORTED);
    assertThat(RolloutState.endedAt("release-failed")).isEqualTo(RolloutState.FAILED);
    assertThat(RolloutState.endedAt("rollout-done")).isEqualTo(RolloutState.SUCCEEDED);
  }
}
