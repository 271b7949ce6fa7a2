package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.GreenlightSpringTest;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The first process end to end: the probe-url worker runs through the Spring starter, a person confirms. */
@GreenlightSpringTest
class SmokeCheckProcessTest {

  @Autowired CamundaClient client;
  @Autowired ZeebeTestEngine engine;
  @Autowired EmbeddedUserTasks userTasks;

  @Test
  void probesTheUrlAndWaitsForAPersonToConfirm() {
    try (LocalHttpServer service = LocalHttpServer.start(request -> Response.text(200, "ok"))) {
      String url = service.uri("/health").toString();
      long instance = client.newCreateInstanceCommand().bpmnProcessId("smoke-check").latestVersion()
          .variables(Map.of("url", url)).send().join().getProcessInstanceKey();

      UserTaskRecordValue review = await().atMost(Duration.ofSeconds(20))
          .until(() -> reviewTaskOf(instance), task -> task != null);
      assertThat(review.getFormKey()).isPositive();
      assertThat(review.getCandidateGroupsList()).containsExactly("operators");
      assertThat(service.requests()).extracting(LocalHttpServer.RecordedRequest::path).containsExactly("/health");

      userTasks.complete(review.getUserTaskKey(), Map.of("decision", Map.of("outcome", "go", "comment", "looks fine")));

      EngineRecords records = new EngineRecords(engine);
      await().atMost(Duration.ofSeconds(20)).until(() -> records.isCompleted(instance));
      assertThat(records.completedElements(instance))
          .containsSubsequence("smoke-check-requested", "probe-url", "review-probe", "smoke-check-done");
      Map<String, Object> probe = variable(records, instance, "probe");
      assertThat(probe).containsEntry("status", 200);
    }
  }

  @Test
  void anUnreachableUrlEndsAsAnIncidentWithAReadableMessage() {
    long instance = client.newCreateInstanceCommand().bpmnProcessId("smoke-check").latestVersion()
        .variables(Map.of("url", "http://127.0.0.1:1/health")).send().join().getProcessInstanceKey();

    EngineRecords records = new EngineRecords(engine);
    String incident = await().atMost(Duration.ofSeconds(30)).until(() -> records.incidentMessage(instance), m -> m != null);
    assertThat(incident).contains("GET http://127.0.0.1:1/health failed");
  }

  private UserTaskRecordValue reviewTaskOf(long instance) {
    List<UserTaskRecordValue> open = userTasks.open();
    return open.stream().filter(t -> t.getProcessInstanceKey() == instance).findFirst().orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> variable(EngineRecords records, long instance, String name) {
    return (Map<String, Object>) records.variable(instance, name);
  }
}
