package dev.greenlight.api.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.support.GreenlightSpringTest;
import dev.greenlight.support.InboxTestRollouts;
import dev.greenlight.support.InboxTestRollouts.Started;
import dev.greenlight.support.TasksApi;
import io.camunda.client.CamundaClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;

/** With {@code greenlight.security.four-eyes=false}, whoever started a rollout may decide its tasks too. */
@GreenlightSpringTest
@TestPropertySource(properties = "greenlight.security.four-eyes=false")
class FourEyesOffTest {

  @Autowired TestRestTemplate http;
  @Autowired CamundaClient client;

  @Test
  void theStarterMayDecide() {
    TasksApi api = new TasksApi(http);
    Started rollout = new InboxTestRollouts(client).start("dave", List.of("security-lead"));

    Map<String, Object> task = api.awaitTask("dave", rollout.rolloutId(), "sign-off");

    assertThat(api.decide("dave", task.get("key"), TasksApi.body("go", "alone")).getStatusCode().value())
        .isEqualTo(200);
  }
}
