package dev.greenlight.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code /api/tasks} as the test users of application-test.yaml call it (password: the name followed by "-pw"). */
public final class TasksApi {

  private static final ParameterizedTypeReference<List<Map<String, Object>>> TASK_LIST = new ParameterizedTypeReference<>() {};

  private final TestRestTemplate http;

  public TasksApi(TestRestTemplate http) {
    this.http = http;
  }

  public TestRestTemplate as(String user) {
    return http.withBasicAuth(user, user + "-pw");
  }

  /** {@code GET /api/tasks} for the user; fails unless 200. */
  public List<Map<String, Object>> tasks(String user) {
    ResponseEntity<List<Map<String, Object>>> response = as(user).exchange("/api/tasks", HttpMethod.GET, null, TASK_LIST);
    assertThat(response.getStatusCode().value()).as("GET /api/tasks as %s", user).isEqualTo(200);
    return response.getBody();
  }

  /** The user's tasks of one rollout. */
  public List<Map<String, Object>> tasks(String user, String rolloutId) {
    return tasks(user).stream().filter(task -> rolloutId.equals(task.get("rolloutId"))).toList();
  }

  /** Waits until the user sees a task of the rollout at this element, and returns it. */
  public Map<String, Object> awaitTask(String user, String rolloutId, String elementId) {
    return await().atMost(Duration.ofSeconds(20)).until(
        () -> tasks(user, rolloutId).stream().filter(task -> elementId.equals(task.get("elementId"))).findFirst(),
        task -> task.isPresent()).orElseThrow();
  }

  public ResponseEntity<String> decide(String user, Object key, String body) {
    return decide(as(user), key, body);
  }

  public static ResponseEntity<String> decide(TestRestTemplate http, Object key, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange("/api/tasks/" + key + "/decision", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  public static String body(String decision, String comment) {
    return "{\"decision\":\"" + decision + "\",\"comment\":\"" + comment + "\"}";
  }
}
