package dev.greenlight.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.FreePort;
import dev.greenlight.support.GreenlightJvm;
import dev.greenlight.support.LocalEngine;
import dev.greenlight.support.NginxUpstreams;
import dev.greenlight.support.NginxUpstreams.Upstream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote mode: two Greenlight instances (JVMs of their own) work one engine outside them. The instance that took the
 * canary's deploy job is killed with SIGKILL while its deploy command runs; the command finishes on its own, the other
 * instance takes the job once its timeout has passed, finds the version live and does not deploy it again, and the
 * rollout rolls out with every side effect once.
 */
class RemoteInstanceCrashTest {

  static final Path LOGS = Path.of("target", "crash-suite").toAbsolutePath();
  static final Duration DEPLOY_JOB_TIMEOUT = Duration.ofSeconds(15);

  @TempDir Path work;

  @Test
  void theOtherInstanceTakesTheKilledInstancesJobAfterItsTimeoutAndTheReleaseIsDeployedOnce() throws Exception {
    Upstream upstream = new Upstream("basket", "127.0.0.1:" + FreePort.onLoopback(),
        "127.0.0.1:" + FreePort.onLoopback());
    try (LocalEngine cluster = LocalEngine.start();
        CrashStandIn standIn = new CrashStandIn();
        NginxUpstreams nginx = NginxUpstreams.start(work.resolve("nginx"), List.of(upstream))) {
      standIn.stats("basket", Map.of("errorRate", 0.001));
      Path live = Files.writeString(work.resolve("basket-live-version"), "1.0.0");
      Path hold = Files.createFile(work.resolve("hold-deploys"));
      Path runbooks = Files.createDirectories(work.resolve("runbooks"));
      Files.writeString(runbooks.resolve("basket.yaml"), SuiteRunbooks.canary("basket", nginx, upstream, live,
          deployThatHolds(live, hold), standIn.uri(""), "[{name: canary, weight: 20, duration: PT8S, interval: PT1S,"
              + " thresholds: {errorRate: \"< 1%\"}}, {name: full, weight: 100, duration: PT8S, interval: PT1S,"
              + " thresholds: {errorRate: \"< 1%\"}}]"));

      CompletableFuture<GreenlightJvm> starting = CompletableFuture.supplyAsync(() -> instance("greenlight-2", cluster,
          standIn));
      try (GreenlightJvm first = instance("greenlight-1", cluster, standIn); GreenlightJvm second = starting.join()) {
        long rollout = first.call("carol", "POST", "/api/rollouts",
            "{\"runbook\": \"basket\", \"version\": \"2.0.0\", \"ticket\": \"CHG-REMOTE\"}")
            .path("processInstanceKey").asLong();
        Path startedBy = work.resolve("basket-live-version.started");
        await("an instance runs the deploy command").atMost(Duration.ofSeconds(120))
            .until(() -> Files.exists(startedBy) && !Files.readString(startedBy).isBlank());
        String holder = Files.readString(startedBy).strip();
        GreenlightJvm killed = holder.equals("greenlight-1") ? first : second;
        String survivor = holder.equals("greenlight-1") ? "greenlight-2" : "greenlight-1";

        killed.kill();
        Files.delete(hold);
        await("the killed instance's deploy command finishes on its own").atMost(Duration.ofSeconds(30))
            .until(() -> Files.readString(live).equals("2.0.0"));
        await("the rollout rolls out").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
            .until(() -> new EngineRecords(cluster.engine()).isCompleted(rollout));

        List<JobRecordValue> deployJob = deployJobEvents(cluster, JobIntent.COMPLETED);
        assertThat(deployJob).singleElement().satisfies(job -> assertThat(job.getWorker()).isEqualTo(survivor));
        assertThat(deployJobEvents(cluster, JobIntent.TIMED_OUT)).as("the killed instance's hold on the job expired")
            .hasSize(1);
        assertThat(Files.readAllLines(startedBy)).as("the survivor found 2.0.0 live and ran no deploy command")
            .containsExactly(holder);
      }
      assertThat(Files.readAllLines(work.resolve("basket-live-version.runs")))
          .as("deployed once, by the killed instance's command").containsExactly("deploy");
      assertThat(nginx.canaryWeight(upstream)).isEqualTo(100);
      assertThat(standIn.slackMessages("basket")).isNotEmpty().doesNotHaveDuplicates();
    }
  }

  private GreenlightJvm instance(String name, LocalEngine cluster, CrashStandIn standIn) {
    try {
      Files.deleteIfExists(LOGS.resolve("remote-" + name + ".log"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return GreenlightJvm.start(work, LOGS.resolve("remote-" + name + ".log"), List.of(
        "greenlight.engine.mode=remote",
        "camunda.client.mode=self-managed",
        "camunda.client.grpc-address=http://127.0.0.1:" + cluster.port(),
        "camunda.client.rest-address=http://127.0.0.1:1",
        "camunda.client.prefer-rest-over-grpc=false",
        "management.health.camunda.enabled=false",
        "camunda.client.worker.defaults.name=" + name,
        // the instances load each other's rollouts, so they share the key starts are sealed with
        "greenlight.security.start-seal-secret=CRASH_START_SEAL",
        "greenlight.secrets.CRASH_START_SEAL=crash-suite-start-seal-key",
        "camunda.client.worker.override.deploy-version.timeout=" + DEPLOY_JOB_TIMEOUT,
        "greenlight.runbooks.directory=" + work.resolve("runbooks"),
        "greenlight.commands.allowed-executables=sh,cat," + NginxUpstreams.BINARY,
        "greenlight.files.allowed-roots=" + work.resolve("nginx"),
        "greenlight.reports.directory=" + work.resolve("reports-" + name),
        "greenlight.slack.base-url=" + standIn.uri("/slack"),
        "greenlight.pagerduty.base-url=" + standIn.uri("/pagerduty"),
        "greenlight.secrets.CRASH_SLACK_TOKEN=xoxb-crash-suite",
        "greenlight.secrets.CRASH_PAGERDUTY_KEY=crash-suite-routing-key"),
        Map.of("CRASH_SUITE_INSTANCE", name));
  }

  /**
   * Notes which instance runs it, waits while the hold file exists, then sets the version live and counts the deploy:
   * a deploy command still under way when its Greenlight dies, as real ones are.
   */
  private static String deployThatHolds(Path live, Path hold) {
    return SuiteRunbooks.flow(List.of("sh", "-c", "echo \"$CRASH_SUITE_INSTANCE\" >> \"$0.started\";"
        + " while [ -e \"$1\" ]; do sleep 0.2; done;"
        + " printf %s \"$GREENLIGHT_VERSION\" > \"$0\"; echo deploy >> \"$0.runs\"", live.toString(), hold.toString()));
  }

  private static List<JobRecordValue> deployJobEvents(LocalEngine cluster, JobIntent intent) {
    return new EngineRecords(cluster.engine()).all().stream()
        .filter((Record<?> record) -> record.getValueType() == ValueType.JOB && record.getIntent() == intent)
        .map(record -> (JobRecordValue) record.getValue())
        .filter(job -> job.getType().equals("deploy-version")).toList();
  }
}
