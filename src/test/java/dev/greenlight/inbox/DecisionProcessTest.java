package dev.greenlight.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.GreenlightSpringTest;
import dev.greenlight.support.InboxTestRollouts;
import dev.greenlight.support.InboxTestRollouts.Started;
import dev.greenlight.support.TasksApi;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** A rollout's sign-offs and go/no-go decided through {@code /api/tasks} on the embedded engine. */
@GreenlightSpringTest
class DecisionProcessTest {

  @Autowired TestRestTemplate http;
  @Autowired CamundaClient client;
  @Autowired ZeebeTestEngine engine;

  TasksApi api;
  InboxTestRollouts rollouts;
  EngineRecords records;

  @BeforeEach
  void setUp() {
    api = new TasksApi(http);
    rollouts = new InboxTestRollouts(client);
    records = new EngineRecords(engine);
  }

  @Test
  void signOffsReachOnlyTheirRolesAndTheDecisionsMoveTheRolloutOn() throws Exception {
    Started rollout = rollouts.start("dave", List.of("security-lead", "operators"));

    Map<String, Object> securityTask = api.awaitTask("bob", rollout.rolloutId(), "sign-off");
    Map<String, Object> operatorsTask = api.awaitTask("alice", rollout.rolloutId(), "sign-off");
    assertThat(securityTask)
        .containsEntry("name", "Sign off the release")
        .containsEntry("processInstanceKey", String.valueOf(rollout.processInstanceKey()))
        .containsEntry("candidateGroups", List.of("security-lead"))
        .containsEntry("formId", "inbox-test-decision")
        .containsKeys("key", "createdAt");
    assertThat(Instant.parse((String) securityTask.get("createdAt"))).isBefore(Instant.now().plusSeconds(1));
    assertThat(operatorsTask.get("candidateGroups")).isEqualTo(List.of("operators"));
    assertThat(api.tasks("bob", rollout.rolloutId())).containsExactly(securityTask);
    assertThat(api.tasks("alice", rollout.rolloutId())).containsExactly(operatorsTask);
    assertThat(api.tasks("erin", rollout.rolloutId())).containsExactly(securityTask);
    assertThat(api.tasks("carol", rollout.rolloutId())).isEmpty();
    assertThat(api.tasks("dave", rollout.rolloutId())).as("four-eyes: dave started it").isEmpty();

    ResponseEntity<String> bobs = api.decide("bob", securityTask.get("key"),
        "{\"decision\":\"go\",\"comment\":\"pen test clean\",\"fields\":{\"ticketChecked\":true}}");
    assertThat(bobs.getStatusCode().value()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    Map<String, Object> recorded = new ObjectMapper().readValue(bobs.getBody(), Map.class);
    assertThat(recorded).containsEntry("outcome", "go").containsEntry("decidedBy", "bob")
        .containsEntry("comment", "pen test clean").containsEntry("fields", Map.of("ticketChecked", true))
        .containsEntry("task", "Sign off the release").containsEntry("role", "security-lead");
    assertThat(api.tasks("bob", rollout.rolloutId())).as("decided tasks leave the inbox").isEmpty();
    assertThat(records.completedElements(rollout.processInstanceKey())).doesNotContain("go-no-go");

    assertThat(api.decide("alice", operatorsTask.get("key"), TasksApi.body("go", "smoke fine")).getStatusCode().value())
        .isEqualTo(200);

    Map<String, Object> goNoGo = api.awaitTask("carol", rollout.rolloutId(), "go-no-go");
    assertThat(goNoGo).containsEntry("name", "Go / no-go for production")
        .containsEntry("candidateGroups", List.of("release-managers"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> signoffs =
        (List<Map<String, Object>>) records.variable(rollout.processInstanceKey(), "signoffs");
    assertThat(signoffs).extracting(s -> s.get("role"), s -> s.get("decidedBy"), s -> s.get("outcome"))
        .containsExactly(
            tuple("security-lead", "bob", "go"),
            tuple("operators", "alice", "go"));
    assertThat(Instant.parse((String) signoffs.get(0).get("decidedAt"))).isBeforeOrEqualTo(Instant.now());

    assertThat(api.decide("carol", goNoGo.get("key"), TasksApi.body("go", "ship it")).getStatusCode().value())
        .isEqualTo(200);

    await().atMost(Duration.ofSeconds(20)).until(() -> records.isCompleted(rollout.processInstanceKey()));
    assertThat(records.completedElements(rollout.processInstanceKey())).contains("rolled-out").doesNotContain("not-approved");
    assertThat(decision(rollout)).containsEntry("outcome", "go").containsEntry("decidedBy", "carol")
        .containsEntry("role", "release-managers").containsEntry("task", "Go / no-go for production");
    assertThat(records.variable(rollout.processInstanceKey(), "decisions")).asList().hasSize(1);
  }

  @Test
  void aNoGoEndsTheRolloutAsNotApproved() {
    Started rollout = rollouts.start("dave", List.of());
    Map<String, Object> goNoGo = api.awaitTask("carol", rollout.rolloutId(), "go-no-go");

    ResponseEntity<String> response = api.decide("carol", goNoGo.get("key"), TasksApi.body("no-go", "error budget spent"));

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> records.isCompleted(rollout.processInstanceKey()));
    assertThat(records.completedElements(rollout.processInstanceKey())).contains("not-approved").doesNotContain("rolled-out");
    assertThat(decision(rollout)).containsEntry("outcome", "no-go").containsEntry("comment", "error budget spent")
        .containsEntry("decidedBy", "carol").containsEntry("fields", Map.of());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> decision(Started rollout) {
    return (Map<String, Object>) records.variable(rollout.processInstanceKey(), "decision");
  }
}
