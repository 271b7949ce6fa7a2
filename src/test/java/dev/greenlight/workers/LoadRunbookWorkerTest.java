package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.greenlight.bounds.RunbookBounds;
import dev.greenlight.engine.EngineProperties;
import dev.greenlight.metrics.GreenlightMetrics;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.security.ActionLog;
import dev.greenlight.security.Channel;
import dev.greenlight.security.GreenlightSecurityProperties;
import dev.greenlight.security.RolloutPermissions;
import dev.greenlight.security.StartSeal;
import dev.greenlight.security.StartSeal.StartClaim;
import dev.greenlight.security.StartVerification;
import dev.greenlight.spec.RunbookDigest;
import dev.greenlight.spec.RunbookProperties;
import dev.greenlight.spec.RunbookRegistry;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import dev.greenlight.support.TestBounds;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * load-runbook called directly: registered and inline runbooks, the BPMN error for bad ones, and the start checks every
 * instance passes, however it was created: the seal of Greenlight's start API, starts on the cluster, and the server's
 * bounds.
 */
class LoadRunbookWorkerTest {

  static final Path RUNBOOKS = Path.of("runbooks");
  final SpecReader reader = new SpecReader();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final GreenlightSecurityProperties security =
      new GreenlightSecurityProperties(null, null, true, List.of("release-managers"), null, null, false);
  final StartSeal seal = new StartSeal(security, new Secrets(new MockEnvironment()), new EngineProperties(null, null));
  /** The example runbooks' scripts, and the directory their blue-green example backs up to. */
  final RunbookBounds bounds = new RunbookBounds(
      TestBounds.commands(List.of(RUNBOOKS.resolve("scripts"))), TestBounds.files(Path.of("/var/backups")), RUNBOOKS);
  final LoadRunbookWorker worker = worker(security, bounds);

  @Test
  void loadsASealedRegisteredRunbookKeepsItsStarterAndCountsTheRolloutAsStarted() {
    Map<String, Object> variables = load("canary-rollout", "analyzer-canary", null, "alice", Channel.CLI);

    assertThat(variables).containsEntry("service", "analyzer").containsEntry("strategy", "canary")
        .containsEntry("startedBy", "alice").containsEntry("startedVia", "cli")
        .containsEntry("runbookSha256", RunbookDigest.sha256(registered("analyzer-canary")));
    assertThat(variables.get("runbook")).isEqualTo(registered("analyzer-canary"));
    assertThat(registry.get("greenlight.rollouts.started").tags("service", "analyzer", "strategy", "canary").counter()
        .count()).isEqualTo(1);
  }

  @Test
  void anIncidentLoadingTheRunbookIsNotCountedAsARollout() {
    worker.loadRunbook(jobOf("incident-response"), "analyzer-canary", null, null, null, null, null, null);

    assertThat(registry.find("greenlight.rollouts.started").counter()).isNull();
  }

  @Test
  void checksASealedInlineRunbookAgain() {
    Map<String, Object> asVariable = asVariable(registered("architect-api-blue-green"));

    assertThat(loadInline("blue-green-release", asVariable, "alice")).containsEntry("runbook",
        registered("architect-api-blue-green")).containsEntry("strategy", "blue-green");

    asVariable.put("strategy", "rainbow");
    assertRefused(() -> worker.loadRunbook(jobOf("blue-green-release"), null, asVariable, "inline-1", "alice", "api",
        "a seal it never gets to", null), "the inline runbook is invalid", "strategy: unknown strategy 'rainbow'");
  }

  @Test
  void anUnknownOrMissingNameIsAnInvalidRunbook() {
    assertRefused(() -> worker.loadRunbook(jobOf("canary-rollout"), "payments", null, null, null, null, null, null),
        "No runbook named 'payments'", "analyzer-canary");
    assertRefused(() -> worker.loadRunbook(jobOf("canary-rollout"), null, null, null, null, null, null, null),
        "The rollout names no runbook");
  }

  @Test
  void anInlineRunbookWithoutGreenlightsSealNeverRuns() {
    Map<String, Object> forged = asVariable(registered("analyzer-canary"));

    assertRefused(() -> worker.loadRunbook(jobOf("canary-rollout"), null, forged, "canary-1", "alice", "api", null, null),
        "An inline runbook runs only when Greenlight's start API started it");
  }

  @Test
  void aRunbookOrStarterChangedAfterTheStartIsRefused() {
    RunbookSpec spec = registered("analyzer-canary");
    String sealed = seal.seal(new StartClaim("analyzer-1", null, RunbookDigest.sha256(spec), "alice", Channel.API));
    Map<String, Object> altered = asVariable(spec);
    altered.put("description", "the same runbook, edited after the start");

    assertRefused(() -> worker.loadRunbook(jobOf("canary-rollout"), null, altered, "analyzer-1", "alice", "api",
        sealed, null), "is not what Greenlight started");
    assertRefused(() -> worker.loadRunbook(jobOf("canary-rollout"), null, asVariable(spec), "analyzer-1", "mallory",
        "api", sealed, null), "is not what Greenlight started");
  }

  @Test
  void aRolloutStartedOnTheClusterRunsOnlyWhereTheOperatorAllowsItAndBelongsToNobody() {
    assertRefused(() -> worker.loadRunbook(jobOf("canary-rollout"), "analyzer-canary", null, "analyzer-2", "alice",
        null, null, null), "greenlight.security.allow-cluster-starts is false");

    LoadRunbookWorker allowing = worker(new GreenlightSecurityProperties(null, null, true, List.of("release-managers"),
        null, null, true), bounds);
    Map<String, Object> variables = allowing.loadRunbook(jobOf("canary-rollout"), "analyzer-canary", null,
        "analyzer-2", "alice", null, null, null);

    assertThat(variables).containsEntry("startedBy", null).containsEntry("startedVia", "tasklist");
  }

  @Test
  void aRunbookThatNamesItsStartersNeverRunsFromTheCluster(@TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("guarded.yaml"), Files.readString(RUNBOOKS.resolve("analyzer-canary.yaml"))
        .replace("  deciders: [deployment-lead, oncall-devops]", "  deciders: [deployment-lead, oncall-devops]\n"
            + "  starters: [deployment-lead]"));
    LoadRunbookWorker allowing = new LoadRunbookWorker(
        new RunbookRegistry(new RunbookProperties(directory, false), reader), reader,
        new GreenlightMetrics(registry, Clock.systemUTC()),
        verification(new GreenlightSecurityProperties(null, null, true, List.of("release-managers"), null, null, true),
            bounds), new ActionLog());

    assertRefused(() -> allowing.loadRunbook(jobOf("canary-rollout"), "guarded", null, "analyzer-3", null, null,
        null, null), "may be started only by the roles [deployment-lead]");
  }

  @Test
  void aRunbookOutsideTheServersBoundsIsRefusedHoweverItWasStarted() {
    RunbookBounds noScripts = new RunbookBounds(TestBounds.commands(List.of(Path.of("target/no-scripts-here"))),
        TestBounds.files(), RUNBOOKS);
    LoadRunbookWorker confined = worker(security, noScripts);

    assertRefused(() -> confined.loadRunbook(jobOf("canary-rollout"), "analyzer-canary", null, "analyzer-4", "alice",
        "cli", seal.seal(new StartClaim("analyzer-4", "analyzer-canary",
            RunbookDigest.sha256(registered("analyzer-canary")), "alice", Channel.CLI)), null),
        "release.command.deploy: './scripts/deploy-analyzer.sh'", "greenlight.commands.allowed-directories");
  }

  private Map<String, Object> load(String processId, String runbookName, Object runbook, String startedBy,
      Channel via) {
    String rolloutId = "analyzer-20261123-0001";
    String sealed = seal.seal(new StartClaim(rolloutId, runbookName, RunbookDigest.sha256(registered(runbookName)),
        startedBy, via));
    return worker.loadRunbook(jobOf(processId), runbookName, runbook, rolloutId, startedBy, via.specName(), sealed, null);
  }

  private Map<String, Object> loadInline(String processId, Map<String, Object> runbook, String startedBy) {
    String sealed = seal.seal(new StartClaim("inline-1", null,
        RunbookDigest.sha256(reader.recheck(runbook, "test")), startedBy, Channel.API));
    return worker.loadRunbook(jobOf(processId), null, runbook, "inline-1", startedBy, "api", sealed, null);
  }

  private LoadRunbookWorker worker(GreenlightSecurityProperties properties, RunbookBounds bounds) {
    return new LoadRunbookWorker(new RunbookRegistry(new RunbookProperties(RUNBOOKS, false), reader), reader,
        new GreenlightMetrics(registry, Clock.systemUTC()), verification(properties, bounds), new ActionLog());
  }

  private StartVerification verification(GreenlightSecurityProperties properties, RunbookBounds bounds) {
    return new StartVerification(seal, new RolloutPermissions(properties, new RunbookProperties(RUNBOOKS, false)),
        bounds);
  }

  private RunbookSpec registered(String name) {
    return reader.read(RUNBOOKS.resolve(name + ".yaml"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asVariable(RunbookSpec spec) {
    return new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .convertValue(spec, Map.class);
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable load, String... message) {
    assertThatThrownBy(load).isInstanceOfSatisfying(BpmnError.class, error -> {
      assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.INVALID_RUNBOOK);
      assertThat(error.getErrorMessage()).contains(message);
    });
  }

  private static ActivatedJob jobOf(String processId) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getBpmnProcessId()).thenReturn(processId);
    return job;
  }
}
