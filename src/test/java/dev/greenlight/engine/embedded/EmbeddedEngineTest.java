package dev.greenlight.engine.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.LocalEngine;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine as Greenlight assembles it: gateway on loopback only, its clock moved by time travel, and on a
 * data directory its processes surviving a stop: timers still fire, jobs the previous run had active are handed out
 * again at once, and the state comes back from a snapshot with the log compacted behind it.
 */
class EmbeddedEngineTest {

  static final BpmnModelInstance JOB_THEN_TIMER = Bpmn.createExecutableProcess("job-then-timer").startEvent()
      .serviceTask("work", task -> task.zeebeJobType("durable-work"))
      .intermediateCatchEvent("wait").timerWithDuration("PT1H")
      .serviceTask("after", task -> task.zeebeJobType("after-wait"))
      .endEvent().done();

  @TempDir Path data;

  @Test
  void timeTravelMovesTheEnginesClockAndTheEngineSettles() throws Exception {
    try (LocalEngine local = LocalEngine.start()) {
      EmbeddedEngine engine = local.engine();
      Instant before = engine.clock().instant();
      engine.increaseTime(Duration.ofHours(48));
      assertThat(engine.clock().instant()).isAfterOrEqualTo(before.plus(Duration.ofHours(48)));
      engine.waitForIdleState(Duration.ofSeconds(10));
      assertThat(engine.idle()).isTrue();
      assertThat(engine.durable()).isFalse();
    }
  }

  @Test
  void theGatewayListensOnLoopbackOnly() throws IOException {
    try (LocalEngine engine = LocalEngine.start()) {
      int port = engine.port();
      try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), port)) {
        assertThat(loopback.isConnected()).isTrue();
      }
      Optional<InetAddress> external = nonLoopbackAddress();
      if (external.isPresent()) {
        assertThatThrownBy(() -> {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(external.get(), port), 1000);
          }
        }).isInstanceOf(ConnectException.class);
      }
    }
  }

  @Test
  void aThrowAwayEngineLeavesNothingBehind() {
    Path root;
    try (LocalEngine local = LocalEngine.start()) {
      root = local.engine().dataRoot();
      assertThat(root).isDirectory();
    }
    assertThat(root).doesNotExist();
  }

  @Test
  void aProcessContinuesAfterARestartAndTheJobItsWorkerHeldIsHandedOutAgainAtOnce() {
    long instance;
    long heldJob;
    try (LocalEngine first = LocalEngine.start(data)) {
      CamundaClient client = first.client();
      client.newDeployResourceCommand().addProcessModel(JOB_THEN_TIMER, "job-then-timer.bpmn").send().join();
      instance = client.newCreateInstanceCommand().bpmnProcessId("job-then-timer").latestVersion().send().join()
          .getProcessInstanceKey();
      // a worker takes the job with a long timeout and never finishes it: the process stops with it
      List<ActivatedJob> taken = await().atMost(Duration.ofSeconds(10)).until(() -> client.newActivateJobsCommand()
          .jobType("durable-work").maxJobsToActivate(1).timeout(Duration.ofHours(2)).send().join().getJobs(),
          jobs -> !jobs.isEmpty());
      heldJob = taken.getFirst().getKey();
    }

    try (LocalEngine second = LocalEngine.start(data)) {
      CamundaClient client = second.client();
      List<ActivatedJob> again = await().atMost(Duration.ofSeconds(10)).until(() -> client.newActivateJobsCommand()
          .jobType("durable-work").maxJobsToActivate(1).timeout(Duration.ofMinutes(5)).send().join().getJobs(),
          jobs -> !jobs.isEmpty());
      assertThat(again.getFirst().getKey()).as("the same job, not a new one").isEqualTo(heldJob);
      assertThat(again.getFirst().getProcessInstanceKey()).isEqualTo(instance);
      client.newCompleteCommand(again.getFirst().getKey()).send().join();

      await().atMost(Duration.ofSeconds(10)).until(() -> records(second, ValueType.TIMER, TimerIntent.CREATED) > 0);
      second.engine().increaseTime(Duration.ofHours(1));
      List<ActivatedJob> after = await().atMost(Duration.ofSeconds(10)).until(() -> client.newActivateJobsCommand()
          .jobType("after-wait").maxJobsToActivate(1).send().join().getJobs(), jobs -> !jobs.isEmpty());
      client.newCompleteCommand(after.getFirst().getKey()).send().join();
      await().atMost(Duration.ofSeconds(10)).until(() -> new EngineRecords(second.engine()).isCompleted(instance));
      assertThat(records(second, ValueType.JOB, JobIntent.YIELDED)).as("the held job, yielded once").isEqualTo(1);
    }
  }

  @Test
  void aSnapshotKeepsTheStateAndTheLogIsCompactedBehindIt() {
    long instance;
    try (LocalEngine first = LocalEngine.start(data)) {
      CamundaClient client = first.client();
      client.newDeployResourceCommand().addProcessModel(JOB_THEN_TIMER, "job-then-timer.bpmn").send().join();
      instance = client.newCreateInstanceCommand().bpmnProcessId("job-then-timer").latestVersion().send().join()
          .getProcessInstanceKey();
      await().atMost(Duration.ofSeconds(10)).until(() -> records(first, ValueType.JOB, JobIntent.CREATED) > 0);
      assertThat(first.engine().snapshot()).isPresent();
      assertThat(first.engine().storageSize().snapshotBytes()).isPositive();
    }
    assertThat(data.resolve("state/snapshots")).isDirectoryContaining(path -> Files.isDirectory(path));

    try (LocalEngine second = LocalEngine.start(data)) {
      CamundaClient client = second.client();
      List<ActivatedJob> job = await().atMost(Duration.ofSeconds(10)).until(() -> client.newActivateJobsCommand()
          .jobType("durable-work").maxJobsToActivate(1).send().join().getJobs(), jobs -> !jobs.isEmpty());
      assertThat(job.getFirst().getProcessInstanceKey()).isEqualTo(instance);
    }
  }

  @Test
  void aSecondEngineOnTheSameDataDirectoryIsRefused() {
    try (LocalEngine first = LocalEngine.start(data)) {
      assertThatThrownBy(() -> LocalEngine.start(data))
          .hasMessageContaining("Another Greenlight process uses the engine's data directory");
    }
  }

  private static long records(LocalEngine engine, ValueType type, Enum<?> intent) {
    return new EngineRecords(engine.engine()).all().stream()
        .filter((Record<?> record) -> record.getValueType() == type && record.getIntent() == intent).count();
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
        .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
        .findFirst();
  }
}
