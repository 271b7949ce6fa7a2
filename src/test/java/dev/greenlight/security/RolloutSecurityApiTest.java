package dev.greenlight.security;

import static dev.greenlight.support.RolloutApiSpringTest.PASSWORD;
import static dev.greenlight.support.RolloutApiSpringTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.api.rollouts.RetryAttribution;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.spec.RunbookDigest;
import dev.greenlight.spec.SpecReader;
import dev.greenlight.support.ApiTestRunbooks;
import dev.greenlight.support.Cli;
import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.RolloutApiSpringTest;
import dev.greenlight.support.RolloutTestProcess;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Who may start, abort and author rollouts, and what a runbook may make the server do, through the REST API and the
 * CLI against the server on the embedded engine (stand-in canary process, real load-runbook worker). Users and roles
 * are application-test.yaml's: alice starts and authors, viewer only reads, frank decides the example canary.
 */
@RolloutApiSpringTest
@ExtendWith(OutputCaptureExtension.class)
class RolloutSecurityApiTest {

  static final Map<String, Object> CANARY = Map.of("runbook", "analyzer-canary", "version", "1.11.0");

  @Autowired TestRestTemplate anonymous;
  @Autowired CamundaClient client;
  @Autowired ZeebeTestEngine engine;
  @Autowired RetryAttribution retries;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  TestRestTemplate alice;
  TestRestTemplate viewer;

  @BeforeEach
  void deployTheStandInProcess() {
    // the test profile's level; an application started earlier in this JVM (the demo's) may have lowered it
    LoggingSystem.get(getClass().getClassLoader()).setLogLevel("dev.greenlight", LogLevel.INFO);
    RolloutTestProcess.deploy(client);
    ApiTestRunbooks.write();
    alice = anonymous.withBasicAuth(USER, PASSWORD);
    viewer = anonymous.withBasicAuth("viewer", "viewer-pw");
  }

  @Test
  void aViewerMayFollowRolloutsButNotStartAbortRetryOrSubmitASpec() throws Exception {
    String rolloutId = start(alice, CANARY).getBody().get("rolloutId").asText();
    int rollouts = rolloutCount();

    assertThat(viewer.getForEntity("/api/rollouts", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(viewer.getForEntity("/api/rollouts/" + rolloutId, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<JsonNode> start = start(viewer, CANARY);
    assertThat(start.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(message(start)).isEqualTo("Starting a rollout needs one of the roles [operators, release-managers]"
        + " (greenlight.security.rollout-roles); viewer holds [viewer]");
    ResponseEntity<JsonNode> inline = start(viewer, Map.of("spec", canaryYaml(), "version", "1.0.0"));
    assertThat(inline.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(message(inline)).contains("greenlight.security.rollout-roles");
    ResponseEntity<JsonNode> abort = viewer.postForEntity("/api/rollouts/" + rolloutId + "/abort",
        Map.of("reason", "not mine to abort"), JsonNode.class);
    assertThat(abort.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(message(abort)).isEqualTo("Aborting rollout " + rolloutId + " needs one of the roles [operators,"
        + " release-managers] (greenlight.security.rollout-roles) or one of its deciders [deployment-lead,"
        + " oncall-devops] (the runbook's approvals.deciders); viewer holds [viewer]");
    ResponseEntity<JsonNode> retry = viewer.postForEntity("/api/rollouts/" + rolloutId + "/retry", null,
        JsonNode.class);
    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(message(retry)).startsWith("Retrying rollout " + rolloutId + " needs one of the roles [operators,"
        + " release-managers] (greenlight.security.rollout-roles)").endsWith("viewer holds [viewer]");
    assertThat(rolloutCount()).isEqualTo(rollouts);
    assertThat(status(rolloutId).get("state").asText()).isEqualTo("active");

    Cli.Run cli = Cli.run("start", "analyzer-canary", "--version", "1.11.0", "--server", "http://127.0.0.1:" + port,
        "--user", "viewer", "--password", "viewer-pw");
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).startsWith("User viewer may not do this (403 Forbidden): Starting a rollout needs one of"
        + " the roles [operators, release-managers] (greenlight.security.rollout-roles); viewer holds [viewer]");
    assertThat(rolloutCount()).isEqualTo(rollouts);
  }

  @Test
  void aDeciderOfTheRunbookMayAbortItWithoutARolloutRole() {
    String rolloutId = start(alice, CANARY).getBody().get("rolloutId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> status(rolloutId).path("deciders").size() == 2);

    ResponseEntity<JsonNode> abort = anonymous.withBasicAuth("frank", "frank-pw")
        .postForEntity("/api/rollouts/" + rolloutId + "/abort", Map.of("reason", "the decider stops it"),
            JsonNode.class);

    assertThat(abort.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    await().atMost(Duration.ofSeconds(20)).until(() -> status(rolloutId).get("state").asText().equals("aborted"));
  }

  @Test
  void anAuthorsInlineSpecReachingOutsideTheServersBoundsIsRefusedBeforeAnythingRuns(@TempDir Path outside)
      throws Exception {
    Path touched = outside.resolve("touched");
    Path proof = outside.resolve("proof.txt");
    Path flags = outside.resolve("flags.env");
    String yaml = canaryYaml()
        .replace("deploy: [./scripts/deploy-analyzer.sh]", "deploy: [/usr/bin/touch, '" + touched + "']")
        .replace("revert: [./scripts/revert-analyzer.sh]", "revert: [sh, -c, 'id > " + proof + "']")
        .replace("currentVersion: [./scripts/analyzer-version.sh]",
            "currentVersion: [./scripts/../../../../../usr/bin/id]")
        + "flags:\n  provider: file\n  file: " + flags + "\n  names: {newSearch: NEW_SEARCH}\n";
    int rollouts = rolloutCount();

    ResponseEntity<JsonNode> refused = start(alice, Map.of("spec", yaml, "version", "1.0.0"));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(message(refused)).isEqualTo("The inline spec reaches outside what this server allows (4 refusals):");
    List<String> errors = texts(refused.getBody().get("errors"));
    assertThat(errors).hasSize(4);
    assertThat(errors.get(0)).startsWith("release.command.deploy: '/usr/bin/touch' is outside"
        + " greenlight.commands.allowed-directories [").endsWith("or have the operator list it in"
        + " greenlight.commands.allowed-executables to allow it with any arguments");
    assertThat(errors.get(1)).startsWith("release.command.revert: 'sh' (").contains("is a shell")
        .contains("greenlight.commands.allowed-executables");
    assertThat(errors.get(2)).isEqualTo("release.command.currentVersion: './scripts/../../../../../usr/bin/id'"
        + " contains '..': name the program by a path without it");
    assertThat(errors.get(3)).startsWith("flags.file: '" + flags + "' is outside greenlight.files.allowed-roots [")
        .endsWith("write it under one of them, or have the operator add a root");
    assertThat(rolloutCount()).as("no process instance was created").isEqualTo(rollouts);
    assertThat(touched).doesNotExist();
    assertThat(proof).doesNotExist();
    assertThat(flags).doesNotExist();
  }

  @Test
  void aRunbookNameThatLeavesTheRunbooksDirectoryIsUnknown() {
    int rollouts = rolloutCount();

    for (String name : List.of("../../etc/passwd", "../runbooks/analyzer-canary", "/etc/passwd", "scripts")) {
      ResponseEntity<JsonNode> refused = start(alice, Map.of("runbook", name, "version", "1.0.0"));

      assertThat(refused.getStatusCode()).as(name).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(message(refused)).as(name).startsWith("No runbook named '" + name + "'");
      assertThat(refused.getBody().toString()).as(name).doesNotContain("root:");
    }
    assertThat(rolloutCount()).isEqualTo(rollouts);
  }

  @Test
  void aYamlAliasBombAndAThirtyMegabyteBodyAreRefusedWithoutHarm() throws Exception {
    StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 12; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      bomb.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
    }
    int rollouts = rolloutCount();
    long started = System.nanoTime();

    ResponseEntity<JsonNode> aliases = start(alice, Map.of("spec", bomb.toString(), "version", "1.0.0"));

    assertThat(aliases.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

    String huge = "{\"runbook\": \"analyzer-canary\", \"version\": \"1.0.0\", \"ticket\": \""
        + "x".repeat(30 * 1024 * 1024) + "\"}";
    HttpRequest tooBig = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rollouts"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(huge)).build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> answer = http.send(tooBig, HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
      assertThat(answer.body()).contains("The request body is not the JSON this endpoint expects");
    } catch (IOException serverClosedTheConnection) {
      // the server refused before reading the whole body and closed the connection (Tomcat reads at most 2 MB past an
      // answer), so the client may see the connection end instead of the answer: refused all the same
      assertThat(serverClosedTheConnection).isNotNull();
    }
    assertThat(rolloutCount()).isEqualTo(rollouts);
    assertThat(alice.getForEntity("/api/rollouts", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void everyStartAbortAndDecisionIsAttributedInTheRecordAndTheLog(CapturedOutput output) throws Exception {
    String sha256 = RunbookDigest.sha256(new SpecReader().readYaml(canaryYaml(), "analyzer-canary"));
    HttpHeaders cli = new HttpHeaders();
    cli.set(Channel.CLIENT_HEADER, Channel.CLI_CLIENT);
    ResponseEntity<JsonNode> started = alice.postForEntity("/api/rollouts", new HttpEntity<>(CANARY, cli),
        JsonNode.class);
    String rolloutId = started.getBody().get("rolloutId").asText();

    JsonNode loaded = await().atMost(Duration.ofSeconds(30))
        .until(() -> status(rolloutId), rollout -> rollout.path("pendingDecisions").size() == 1);
    assertThat(loaded.get("startedBy").asText()).isEqualTo(USER);
    assertThat(loaded.at("/audit/startedVia").asText()).isEqualTo("cli");
    assertThat(loaded.at("/audit/runbookSha256").asText()).isEqualTo(sha256);
    assertThat(output.getOut()).contains("Rollout " + rolloutId + " started by alice via cli, runbook sha256 "
        + sha256 + ": runbook 'analyzer-canary', version 1.11.0");

    String second = start(alice, CANARY).getBody().get("rolloutId").asText();
    ResponseEntity<JsonNode> abort = alice.postForEntity("/api/rollouts/" + second + "/abort",
        Map.of("reason", "wrong build"), JsonNode.class);
    assertThat(abort.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode aborted = await().atMost(Duration.ofSeconds(20))
        .until(() -> status(second), rollout -> rollout.get("state").asText().equals("aborted"));
    assertThat(aborted.at("/audit/abortedBy").asText()).isEqualTo(USER);
    assertThat(aborted.at("/audit/abortedVia").asText()).isEqualTo("api");
    assertThat(aborted.at("/audit/abortReason").asText()).isEqualTo("wrong build");
    assertThat(output.getOut()).contains("Rollout " + second + " abort requested by alice via api, runbook sha256 "
        + sha256 + ": wrong build");

    String key = loaded.get("pendingDecisions").get(0).get("key").asText();
    TestRestTemplate frank = anonymous.withBasicAuth("frank", "frank-pw");
    ResponseEntity<JsonNode> decided = frank.postForEntity("/api/tasks/" + key + "/decision",
        new HttpEntity<>(Map.of("decision", "go", "comment", "gates green"), cli), JsonNode.class);
    assertThat(decided.getStatusCode()).as("%s", decided.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode decision = json.valueToTree(new EngineRecords(engine).variable(
        started.getBody().get("processInstanceKey").asLong(), "decision"));
    assertThat(decision.get("decidedBy").asText()).isEqualTo("frank");
    assertThat(decision.get("via").asText()).isEqualTo("cli");
    assertThat(decision.get("runbookSha256").asText()).isEqualTo(sha256);
    assertThat(output.getOut()).contains("Rollout " + rolloutId + " decided go on 'Decide go/no-go' (" + key
        + ") as deployment-lead by frank via cli, runbook sha256 " + sha256 + ": gates green");
  }

  @Test
  void everyRetryIsKeptInTheRecordAndLogged(CapturedOutput output) {
    String rolloutId = start(alice, CANARY).getBody().get("rolloutId").asText();
    JsonNode loaded = await().atMost(Duration.ofSeconds(30))
        .until(() -> status(rolloutId), rollout -> rollout.at("/audit/runbookSha256").isTextual());

    retries.record(json.convertValue(loaded, RolloutView.class), new Caller("alice", Set.of("operators")),
        Channel.CLI);
    JsonNode once = await().atMost(Duration.ofSeconds(10))
        .until(() -> status(rolloutId), rollout -> rollout.at("/audit/retries").size() == 1);
    retries.record(json.convertValue(once, RolloutView.class), new Caller("frank", Set.of("deployment-lead")),
        Channel.API);

    JsonNode twice = await().atMost(Duration.ofSeconds(10))
        .until(() -> status(rolloutId), rollout -> rollout.at("/audit/retries").size() == 2);
    assertThat(twice.at("/audit/retries/0/by").asText()).isEqualTo("alice");
    assertThat(twice.at("/audit/retries/0/via").asText()).isEqualTo("cli");
    assertThat(twice.at("/audit/retries/1/by").asText()).isEqualTo("frank");
    assertThat(twice.at("/audit/retries/1/at").asText()).isNotBlank();
    assertThat(output.getOut()).contains("Rollout " + rolloutId + " retried by frank via api, runbook sha256 "
        + loaded.at("/audit/runbookSha256").asText());
  }

  private ResponseEntity<JsonNode> start(TestRestTemplate as, Map<String, Object> body) {
    return as.postForEntity("/api/rollouts", body, JsonNode.class);
  }

  private JsonNode status(String rolloutId) {
    return alice.getForObject("/api/rollouts/" + rolloutId, JsonNode.class);
  }

  private int rolloutCount() {
    return alice.getForObject("/api/rollouts", JsonNode.class).size();
  }

  private static String message(ResponseEntity<JsonNode> response) {
    return response.getBody().get("message").asText();
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  /** The registered canary runbook, as the server reads it. */
  private static String canaryYaml() {
    return ApiTestRunbooks.yaml("analyzer-canary");
  }
}
