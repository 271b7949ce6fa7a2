package dev.greenlight.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import io.camunda.client.CamundaClient;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The remote backend against a local server that answers as Camunda 8.8's REST API does. */
class RemoteApprovalsInboxTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static final String TASK = """
      {"userTaskKey": "2251799813685300", "name": "Security sign-off", "state": "%s",
       "elementId": "security-signoff", "elementInstanceKey": "2251799813685299",
       "candidateGroups": ["security-lead"], "candidateUsers": [],
       "bpmnProcessId": "blue-green", "processDefinitionKey": "2251799813685250",
       "processInstanceKey": "2251799813685280", "formKey": "2251799813685111",
       "creationDate": "2026-11-23T10:00:00.000Z", "tenantId": "<default>", "priority": 50}""";
  static final String VARIABLES = """
      {"items": [
        {"variableKey": "1", "name": "startedBy", "value": "\\"dave\\"", "scopeKey": "2251799813685280",
         "processInstanceKey": "2251799813685280", "tenantId": "<default>", "isTruncated": false},
        {"variableKey": "2", "name": "rolloutId", "value": "\\"checkout-7\\"", "scopeKey": "2251799813685280",
         "processInstanceKey": "2251799813685280", "tenantId": "<default>", "isTruncated": false},
        {"variableKey": "3", "name": "startedBy", "value": "\\"mallory\\"", "scopeKey": "2251799813685299",
         "processInstanceKey": "2251799813685280", "tenantId": "<default>", "isTruncated": false},
        {"variableKey": "4", "name": "runbookSha256", "value": "\\"9f2c\\"", "scopeKey": "2251799813685280",
         "processInstanceKey": "2251799813685280", "tenantId": "<default>", "isTruncated": false},
        {"variableKey": "5", "name": "distinctSigners", "value": "true", "scopeKey": "2251799813685280",
         "processInstanceKey": "2251799813685280", "tenantId": "<default>", "isTruncated": false},
        {"variableKey": "6", "name": "givenSignoffs", "scopeKey": "2251799813685280",
         "value": "[{\\"role\\":\\"cto\\",\\"title\\":\\"CTO\\",\\"decidedBy\\":\\"erin\\",\\"outcome\\":\\"go\\"}]",
         "processInstanceKey": "2251799813685280", "tenantId": "<default>", "isTruncated": false}],
       "page": {"totalItems": 6, "startCursor": "v1", "endCursor": "v6"}}""";
  static final String FORM = """
      {"formKey": "2251799813685111", "formId": "signoff", "version": 1, "schema": "{}", "tenantId": "<default>"}""";

  LocalHttpServer camunda;
  CamundaClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    camunda.close();
  }

  @Test
  void searchesCreatedTasksAndTheirInstancesVariables() throws Exception {
    start(request -> switch (request.path()) {
      case "/v2/user-tasks/search" -> Response.json(200, page(List.of(TASK.formatted("CREATED")), "t1"));
      case "/v2/variables/search" -> Response.json(200, VARIABLES);
      case "/v2/user-tasks/2251799813685300/form" -> Response.json(200, FORM);
      default -> Response.json(500, "{}");
    });
    RemoteApprovalsInbox inbox = new RemoteApprovalsInbox(client);

    List<ApprovalTask> tasks = inbox.openTasks();
    inbox.openTasks();

    assertThat(tasks).containsExactly(new ApprovalTask(2251799813685300L, "Security sign-off", "security-signoff",
        2251799813685280L, List.of("security-lead"), "signoff", Instant.parse("2026-11-23T10:00:00Z"), "checkout-7",
        "dave", "9f2c", true, new GivenSignoffs(true, Map.of("erin", "cto"))));
    List<RecordedRequest> requests = camunda.requests();
    assertThat(requests).as("the form id is asked once per form").extracting(RecordedRequest::method, RecordedRequest::path)
        .containsExactly(
            tuple("POST", "/v2/user-tasks/search"),
            tuple("POST", "/v2/variables/search"),
            tuple("GET", "/v2/user-tasks/2251799813685300/form"),
            tuple("POST", "/v2/user-tasks/search"),
            tuple("POST", "/v2/variables/search"));
    assertJson(requests.get(0).body(), """
        {"sort": [], "page": {"limit": 100},
         "filter": {"state": {"$eq": "CREATED", "$in": []}, "processInstanceVariables": [], "localVariables": []}}""");
    assertJson(requests.get(1).body(), """
        {"sort": [], "page": {"limit": 100},
         "filter": {"name": {"$in": ["rolloutId", "startedBy", "runbookSha256", "distinctSigners", "givenSignoffs"],
                             "$notIn": []},
                    "processInstanceKey": {"$in": ["2251799813685280"], "$notIn": []}}}""");
  }

  @Test
  void readsEveryPageOfOpenTasks() throws Exception {
    List<String> fullPage = Collections.nCopies(RemoteApprovalsInbox.PAGE_SIZE, TASK.formatted("CREATED"));
    start(request -> switch (request.path()) {
      case "/v2/user-tasks/search" -> Response.json(200, request.body().contains("\"after\"")
          ? page(List.of(TASK.formatted("CREATED")), "c2")
          : page(fullPage, "c1"));
      case "/v2/variables/search" -> Response.json(200, VARIABLES);
      default -> Response.json(200, FORM);
    });

    List<ApprovalTask> tasks = new RemoteApprovalsInbox(client).openTasks();

    assertThat(tasks).hasSize(RemoteApprovalsInbox.PAGE_SIZE + 1);
    List<RecordedRequest> searches = camunda.requests().stream()
        .filter(r -> r.path().equals("/v2/user-tasks/search")).toList();
    assertThat(searches).hasSize(2);
    assertThat(JSON.readTree(searches.get(1).body()).path("page"))
        .isEqualTo(JSON.readTree("{\"limit\": 100, \"after\": \"c1\"}"));
  }

  @Test
  void findsATaskByKeyOpenOrNot() {
    start(request -> switch (request.path()) {
      case "/v2/user-tasks/2251799813685300" -> Response.json(200, TASK.formatted("COMPLETED"));
      case "/v2/user-tasks/42" -> problem(404, "User task with key 42 not found");
      case "/v2/variables/search" -> Response.json(200, VARIABLES);
      default -> Response.json(200, FORM);
    });
    RemoteApprovalsInbox inbox = new RemoteApprovalsInbox(client);

    assertThat(inbox.task(2251799813685300L)).hasValueSatisfying(task -> {
      assertThat(task.open()).isFalse();
      assertThat(task.startedBy()).isEqualTo("dave");
    });
    assertThat(inbox.task(42)).isEmpty();
    assertThat(camunda.requests()).extracting(RecordedRequest::method, RecordedRequest::path).contains(
        tuple("GET", "/v2/user-tasks/2251799813685300"), tuple("GET", "/v2/user-tasks/42"));
  }

  @Test
  void completesWithTheDecisionVariable() throws Exception {
    start(request -> Response.json(204, ""));
    RemoteApprovalsInbox inbox = new RemoteApprovalsInbox(client);

    inbox.complete(2251799813685300L, Map.of("decision", Map.of("outcome", "go", "decidedBy", "bob")));

    RecordedRequest request = camunda.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v2/user-tasks/2251799813685300/completion");
    assertJson(request.body(), "{\"variables\": {\"decision\": {\"outcome\": \"go\", \"decidedBy\": \"bob\"}}}");
  }

  @Test
  void aTaskTheServerNoLongerHasOrRefusesIsAlreadyDecided() {
    start(request -> request.path().contains("/404/")
        ? problem(404, "Command 'COMPLETE' rejected with code 'NOT_FOUND': no such user task was found")
        : problem(409, "Command 'COMPLETE' rejected with code 'INVALID_STATE': the user task is in state COMPLETING"));
    RemoteApprovalsInbox inbox = new RemoteApprovalsInbox(client);

    assertThatThrownBy(() -> inbox.complete(404, Map.of()))
        .isInstanceOf(TaskAlreadyDecidedException.class)
        .hasMessage("task 404 is no longer open: the engine no longer has it (decided or cancelled)");
    assertThatThrownBy(() -> inbox.complete(409, Map.of()))
        .isInstanceOf(TaskAlreadyDecidedException.class)
        .hasMessageStartingWith("task 409 is no longer open (the engine says:")
        .hasMessageContaining("INVALID_STATE");
  }

  @Test
  void anyOtherFailureIsPassedOnWithTheServersWords() {
    start(request -> problem(503, "the broker is not reachable"));

    assertThatThrownBy(() -> new RemoteApprovalsInbox(client).complete(7, Map.of()))
        .isNotInstanceOf(TaskAlreadyDecidedException.class)
        .hasMessageContaining("the broker is not reachable");
  }

  private static String page(List<String> items, String endCursor) {
    return "{\"items\": [" + String.join(",", items) + "], \"page\": {\"totalItems\": " + items.size()
        + ", \"startCursor\": \"c0\", \"endCursor\": \"" + endCursor + "\"}}";
  }

  private static Response problem(int status, String detail) {
    return new Response(status, "application/problem+json",
        "{\"type\": \"about:blank\", \"title\": \"refused\", \"status\": " + status + ", \"detail\": \"" + detail + "\"}");
  }

  private static void assertJson(String actual, String expected) throws Exception {
    assertThat(JSON.readTree(actual)).isEqualTo(JSON.readTree(expected));
  }

  private void start(LocalHttpServer.Handler handler) {
    camunda = LocalHttpServer.start(handler);
    client = CamundaClient.newClientBuilder()
        .restAddress(camunda.uri("/"))
        .grpcAddress(camunda.uri("/"))
        .preferRestOverGrpc(true)
        .build();
  }
}
