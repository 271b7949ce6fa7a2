package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.support.Cli;
import dev.greenlight.support.Cli.Run;
import dev.greenlight.support.FreePort;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tasks, approve and reject against a recording server that speaks the /api/tasks contract; and error exits. */
class TaskCommandsTest {

  static final String TASKS = """
      [{"key": 2251799813685321, "name": "Security Lead sign-off", "rolloutId": "architect-api-20261123-0b1c",
        "processInstanceKey": 2251799813685300, "candidateGroups": ["security-lead"], "formId": "signoff",
        "createdAt": "2026-11-23T09:00:00Z"},
       {"key": 7, "name": "Go/no-go after canary", "rolloutId": "analyzer-20261123-7f3a",
        "processInstanceKey": 9, "candidateGroups": ["deployment-lead", "oncall-devops"], "formId": "go-no-go",
        "createdAt": "2026-11-23T10:30:00Z"}]
      """;

  final ObjectMapper json = new ObjectMapper();

  @Test
  void tasksAreListedInAlignedColumnsWithBasicCredentials() {
    try (LocalHttpServer server = LocalHttpServer.start(request -> Response.json(200, TASKS))) {
      Run run = Cli.run("tasks", "--server", server.uri("").toString(), "--user", "erin", "--password", "s3cret");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).isEqualTo("""
          TASK              NAME                    ROLLOUT                      GROUPS                          CREATED
          2251799813685321  Security Lead sign-off  architect-api-20261123-0b1c  security-lead                   \
          2026-11-23T09:00:00Z
          7                 Go/no-go after canary   analyzer-20261123-7f3a       deployment-lead, oncall-devops  \
          2026-11-23T10:30:00Z
          """);
      RecordedRequest request = server.requests().get(0);
      assertThat(request.method()).isEqualTo("GET");
      assertThat(request.path()).isEqualTo("/api/tasks");
      assertThat(request.header("Authorization")).isEqualTo("Basic "
          + Base64.getEncoder().encodeToString("erin:s3cret".getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void approveAndRejectPostTheDecision() throws IOException {
    try (LocalHttpServer server = LocalHttpServer.start(request -> Response.json(200, "{}"))) {
      Run approve = Cli.run("approve", "2251799813685321", "--comment", "security review done",
          "--server", server.uri("").toString(), "--user", "erin", "--password", "s3cret");
      Run reject = Cli.run("reject", "7", "--server", server.uri("/").toString(), "--user", "erin", "--password", "x");

      assertThat(approve.exitCode()).as(approve.err()).isZero();
      assertThat(approve.out()).isEqualTo("Task 2251799813685321 answered go\n");
      assertThat(reject.exitCode()).as(reject.err()).isZero();
      RecordedRequest go = server.requests().get(0);
      assertThat(go.method()).isEqualTo("POST");
      assertThat(go.path()).isEqualTo("/api/tasks/2251799813685321/decision");
      assertThat(go.header("Content-Type")).isEqualTo("application/json");
      assertThat(json.readTree(go.body())).isEqualTo(json.valueToTree(
          Map.of("decision", "go", "comment", "security review done", "fields", Map.of())));
      RecordedRequest noGo = server.requests().get(1);
      assertThat(noGo.path()).isEqualTo("/api/tasks/7/decision");
      assertThat(json.readTree(noGo.body())).isEqualTo(json.valueToTree(
          Map.of("decision", "no-go", "comment", "", "fields", Map.of())));
    }
  }

  @Test
  void refusalsExitWithOneAndTheServersMessage() {
    Map<String, Response> answers = Map.of(
        "/api/tasks/1/decision", Response.json(403, "{\"message\": \"erin started this rollout; four eyes: someone"
            + " else must decide\"}"),
        "/api/tasks/2/decision", Response.json(409, "{\"message\": \"task 2 was already completed\"}"),
        "/api/tasks/3/decision", Response.json(404, "{\"message\": \"no open task 3\"}"),
        "/api/tasks/4/decision", Response.json(400, "{\"message\": \"decision must be go or no-go\"}"),
        "/api/tasks", Response.text(401, ""));
    try (LocalHttpServer server = LocalHttpServer.start(request -> answers.get(request.path()))) {
      String url = server.uri("").toString();

      assertThat(Cli.run("approve", "1", "--server", url, "--user", "erin")).satisfies(run -> {
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("User erin may not do this (403 Forbidden): erin started this rollout;"
            + " four eyes: someone else must decide\n");
      });
      assertThat(Cli.run("approve", "2", "--server", url).err())
          .isEqualTo("Conflict (409), the state changed or does not allow this: task 2 was already completed\n");
      assertThat(Cli.run("reject", "3", "--server", url).err()).isEqualTo("Not found (404): no open task 3\n");
      assertThat(Cli.run("reject", "4", "--server", url).err())
          .isEqualTo("The server refused the request (400 Bad Request): decision must be go or no-go\n");
      Run unauthorized = Cli.run("tasks", "--server", url);
      assertThat(unauthorized.exitCode()).isEqualTo(1);
      assertThat(unauthorized.err()).startsWith("The server did not accept the credentials (401 Unauthorized): pass"
          + " --user and --password, or set GREENLIGHT_USER and GREENLIGHT_PASSWORD.");
    }
  }

  @Test
  void anUnreachableServerIsNamed() {
    int closedPort = FreePort.onLoopback();

    Run run = Cli.run("tasks", "--server", "http://127.0.0.1:" + closedPort);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("Cannot reach the Greenlight server at http://127.0.0.1:" + closedPort
        + "/. Start it (greenlight serve) or point --server or GREENLIGHT_SERVER at it.\n");
  }
}
