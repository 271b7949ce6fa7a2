package dev.greenlight.api.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.GreenlightSpringTest;
import dev.greenlight.support.InboxTestRollouts;
import dev.greenlight.support.InboxTestRollouts.Started;
import dev.greenlight.support.TasksApi;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** Who may decide what, answered with the status and a reason that says what to do. */
@GreenlightSpringTest
class TaskAuthorizationApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate http;
  @Autowired CamundaClient client;
  @Autowired ZeebeTestEngine engine;

  TasksApi api;
  InboxTestRollouts rollouts;

  @BeforeEach
  void setUp() {
    api = new TasksApi(http);
    rollouts = new InboxTestRollouts(client);
  }

  @Test
  void withoutCredentialsTheApiAnswers401() {
    assertThat(http.getForEntity("/api/tasks", String.class).getStatusCode().value()).isEqualTo(401);
    assertThat(TasksApi.decide(http, 1, TasksApi.body("go", "")).getStatusCode().value()).isEqualTo(401);
    assertThat(http.withBasicAuth("bob", "wrong").getForEntity("/api/tasks", String.class).getStatusCode().value())
        .isEqualTo(401);
  }

  @Test
  void probesAndCallbacksNeedNoCredentials() {
    assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> unsignedCallback = http.postForEntity("/api/callbacks/nothing-here", "{}", String.class);
    assertThat(unsignedCallback.getStatusCode().value())
        .as("the callback handler itself refuses an unsigned callback").isEqualTo(401);
    assertThat(unsignedCallback.getHeaders().get("WWW-Authenticate"))
        .as("no login was asked for: the request reached the handler").isNull();
  }

  @Test
  void aCallerWithoutTheTasksRoleGets403WithTheReason() throws Exception {
    Started rollout = rollouts.start("dave", List.of("security-lead"));
    Map<String, Object> task = api.awaitTask("bob", rollout.rolloutId(), "sign-off");

    ResponseEntity<String> response = api.decide("alice", task.get("key"), TasksApi.body("go", "not mine"));

    assertThat(response.getStatusCode().value()).isEqualTo(403);
    assertThat(detail(response)).isEqualTo("task 'Sign off the release' (" + task.get("key")
        + ") needs one of [security-lead]; you hold [operators, runbook-authors]");
    assertThat(api.tasks("bob", rollout.rolloutId())).as("still open").containsExactly(task);
  }

  @Test
  void theStarterOfARolloutMayNotDecideItsTasks() throws Exception {
    Started rollout = rollouts.start("dave", List.of("security-lead"));
    Map<String, Object> task = api.awaitTask("bob", rollout.rolloutId(), "sign-off");
    assertThat(api.tasks("dave", rollout.rolloutId())).as("not in the starter's inbox").isEmpty();

    ResponseEntity<String> response = api.decide("dave", task.get("key"), TasksApi.body("go", "my own"));

    assertThat(response.getStatusCode().value()).isEqualTo(403);
    assertThat(detail(response)).contains("rollout " + rollout.rolloutId() + ", which you started")
        .contains("four-eyes rule");
    assertThat(api.decide("erin", task.get("key"), TasksApi.body("go", "")).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void anUnknownTaskIs404() throws Exception {
    ResponseEntity<String> response = api.decide("bob", 4242, TasksApi.body("go", ""));

    assertThat(response.getStatusCode().value()).isEqualTo(404);
    assertThat(detail(response)).contains("there is no user task 4242");
  }

  @Test
  void aSecondDecisionIs409() throws Exception {
    Started rollout = rollouts.start("dave", List.of("security-lead"));
    Map<String, Object> task = api.awaitTask("bob", rollout.rolloutId(), "sign-off");
    assertThat(api.decide("bob", task.get("key"), TasksApi.body("go", "")).getStatusCode().value()).isEqualTo(200);

    ResponseEntity<String> second = api.decide("erin", task.get("key"), TasksApi.body("no-go", "too late"));

    assertThat(second.getStatusCode().value()).isEqualTo(409);
    assertThat(detail(second)).contains("is no longer open");
  }

  @Test
  void ofTwoConcurrentDecisionsExactlyOneWins() throws Exception {
    Started rollout = rollouts.start("dave", List.of("security-lead"));
    Map<String, Object> task = api.awaitTask("bob", rollout.rolloutId(), "sign-off");
    CountDownLatch start = new CountDownLatch(1);

    List<Integer> statuses;
    try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
      List<CompletableFuture<Integer>> decisions = List.of("bob", "erin").stream()
          .map(user -> CompletableFuture.supplyAsync(() -> {
            awaitQuietly(start);
            return api.decide(user, task.get("key"), TasksApi.body("go", user)).getStatusCode().value();
          }, threads))
          .toList();
      start.countDown();
      statuses = decisions.stream().map(CompletableFuture::join).toList();
    }

    assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    long key = Long.parseLong((String) task.get("key"));
    assertThat(new EngineRecords(engine).all().stream()
        .filter(r -> r.getValueType() == ValueType.USER_TASK && r.getRecordType() == RecordType.EVENT)
        .filter(r -> r.getIntent() == UserTaskIntent.COMPLETED)
        .filter(r -> ((UserTaskRecordValue) r.getValue()).getUserTaskKey() == key)
        .count()).isEqualTo(1);
  }

  @Test
  void anUnknownDecisionWordIs400SayingWhatToSend() throws Exception {
    ResponseEntity<String> maybe = api.decide("bob", 1, "{\"decision\":\"maybe\"}");
    ResponseEntity<String> notJson = api.decide("bob", 1, "go");
    ResponseEntity<String> badKey = api.decide("bob", "first", TasksApi.body("go", ""));

    assertThat(maybe.getStatusCode().value()).isEqualTo(400);
    assertThat(detail(maybe)).isEqualTo("unknown decision \"maybe\"; send {\"decision\": \"go\" | \"no-go\","
        + " \"comment\": \"...\", \"fields\": {...}} (comment and fields are optional)");
    assertThat(notJson.getStatusCode().value()).isEqualTo(400);
    assertThat(detail(notJson)).startsWith("the body is not a decision; send {\"decision\"");
    assertThat(badKey.getStatusCode().value()).isEqualTo(400);
    assertThat(detail(badKey)).contains("'first' is not a task key");
  }

  private static String detail(ResponseEntity<String> response) throws Exception {
    JsonNode problem = JSON.readTree(response.getBody());
    return problem.path("detail").asText();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
