package dev.greenlight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.greenlight.support.GreenlightSpringTest;
import dev.greenlight.support.InboxTestRollouts;
import dev.greenlight.support.InboxTestRollouts.Started;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import dev.greenlight.support.TasksApi;
import dev.greenlight.support.TestTokens;
import io.camunda.client.CamundaClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bearer tokens signed by a local RSA key, whose JWK set a local server publishes as an identity provider would. */
@GreenlightSpringTest
class JwtAuthenticationTest {

  static final TestTokens TOKENS = new TestTokens();
  static final LocalHttpServer IDENTITY_PROVIDER = LocalHttpServer.start(request -> request.path().equals("/jwks")
      ? Response.json(200, TOKENS.jwkSet())
      : Response.json(404, "{}"));

  @DynamicPropertySource
  static void trustTheLocalProvider(DynamicPropertyRegistry properties) {
    properties.add("greenlight.security.jwt.jwk-set-uri", () -> IDENTITY_PROVIDER.uri("/jwks").toString());
  }

  @AfterAll
  static void stopProvider() {
    IDENTITY_PROVIDER.close();
  }

  @Autowired TestRestTemplate http;
  @Autowired CamundaClient client;

  @Test
  void aTokensGroupsDecideWhatItsHolderMayDecide() {
    Started rollout = new InboxTestRollouts(client).start("dave", List.of("security-lead"));
    Map<String, Object> task = new TasksApi(http).awaitTask("bob", rollout.rolloutId(), "sign-off");
    String frank = TOKENS.token(Map.of("sub", "0f9a", "preferred_username", "frank", "groups", List.of("security-lead")));
    String grace = TOKENS.token(Map.of("sub", "77b1", "groups", List.of("operators")));

    assertThat(call(HttpMethod.GET, "/api/tasks", frank, null).getBody()).contains(rollout.rolloutId());
    ResponseEntity<String> refused = call(HttpMethod.POST, "/api/tasks/" + task.get("key") + "/decision", grace,
        TasksApi.body("go", ""));
    ResponseEntity<String> decided = call(HttpMethod.POST, "/api/tasks/" + task.get("key") + "/decision", frank,
        TasksApi.body("go", "by token"));

    assertThat(refused.getStatusCode().value()).isEqualTo(403);
    assertThat(refused.getBody()).contains("you hold [operators]");
    assertThat(decided.getStatusCode().value()).isEqualTo(200);
    assertThat(decided.getBody()).contains("\"decidedBy\":\"frank\"").contains("\"role\":\"security-lead\"");
    assertThat(IDENTITY_PROVIDER.requests()).extracting(RecordedRequest::method, RecordedRequest::path)
        .contains(tuple("GET", "/jwks"));
  }

  @Test
  void alertmanagersTokenIsNotTakenForAJwt() {
    String nothingFiring = "{\"version\": \"4\", \"status\": \"resolved\", \"alerts\": []}";

    assertThat(call(HttpMethod.POST, "/api/alerts/alertmanager", "test-alertmanager-token", nothingFiring)
        .getStatusCode().value()).isEqualTo(200);
    String jwt = TOKENS.token(Map.of("sub", "0f9a", "preferred_username", "frank", "groups", List.of("operators")));
    assertThat(call(HttpMethod.POST, "/api/alerts/alertmanager", jwt, nothingFiring).getStatusCode().value())
        .isEqualTo(401);
  }

  @Test
  void aTokenSignedByAnotherKeyIs401() {
    String forged = new TestTokens().token(Map.of("preferred_username", "mallory", "groups", List.of("security-lead")));

    assertThat(call(HttpMethod.GET, "/api/tasks", forged, null).getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void basicCredentialsStillWork() {
    assertThat(new TasksApi(http).as("alice").getForEntity("/api/tasks", String.class).getStatusCode().value())
        .isEqualTo(200);
  }

  private ResponseEntity<String> call(HttpMethod method, String path, String token, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(token);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }
}
