package dev.greenlight.api.rollouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.rollout.StepNames;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import io.camunda.client.CamundaClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retry on a cluster, against a local server that answers as Camunda 8.8's REST API does and records each request. */
class RemoteRolloutRetryTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final StepNames STEP_NAMES = new StepNames();

  static final String ROLLOUT = """
      {"processInstanceKey": "2251799813685280", "processDefinitionId": "canary-rollout",
       "processDefinitionName": "Canary rollout", "processDefinitionVersion": 1,
       "processDefinitionKey": "2251799813685250", "startDate": "2026-11-23T10:00:00.000Z", "state": "%s",
       "hasIncident": true, "tenantId": "<default>"}""";
  static final String CALLED = """
      {"processInstanceKey": "2251799813685290", "processDefinitionId": "release-version",
       "processDefinitionName": "Release a version", "processDefinitionVersion": 1,
       "processDefinitionKey": "2251799813685251", "parentProcessInstanceKey": "2251799813685280",
       "parentElementInstanceKey": "2251799813685289", "startDate": "2026-11-23T10:00:01.000Z", "state": "ACTIVE",
       "hasIncident": true, "tenantId": "<default>"}""";
  static final String INCIDENTS = """
      {"items": [
        {"incidentKey": "2251799813685300", "processDefinitionKey": "2251799813685251",
         "processDefinitionId": "release-version", "processInstanceKey": "2251799813685290",
         "errorType": "JOB_NO_RETRIES", "errorMessage": "Release a version › Deploy the version failed 5 times",
         "elementId": "deploy-version", "elementInstanceKey": "2251799813685295",
         "creationTime": "2026-11-23T10:05:00.000Z", "state": "ACTIVE", "jobKey": "2251799813685296",
         "tenantId": "<default>"},
        {"incidentKey": "2251799813685200", "processDefinitionKey": "2251799813685250",
         "processDefinitionId": "canary-rollout", "processInstanceKey": "2251799813685280",
         "errorType": "JOB_NO_RETRIES", "errorMessage": "resolved long ago", "elementId": "back-up-database",
         "elementInstanceKey": "2251799813685210", "creationTime": "2026-11-23T10:01:00.000Z", "state": "RESOLVED",
         "jobKey": "2251799813685211", "tenantId": "<default>"}],
       "page": {"totalItems": 2, "startCursor": "i0", "endCursor": "i1"}}""";

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
  void findsTheRolloutByItsIdAndResolvesTheIncidentsOfEveryProcessItCalled() throws Exception {
    start(request -> switch (request.path()) {
      case "/v2/process-instances/search" -> Response.json(200, page(ROLLOUT.formatted("ACTIVE"), CALLED));
      case "/v2/process-instances/2251799813685280/incidents/search" -> Response.json(200, INCIDENTS);
      default -> Response.json(204, "");
    });

    List<String> retried = new RemoteRolloutRetry(client, STEP_NAMES, JSON).retry("checkout-20261123-7f3a");

    assertThat(retried).containsExactly("Release a version › Deploy the version");
    assertThat(camunda.requests()).extracting(RecordedRequest::method, RecordedRequest::path).containsExactly(
        tuple("POST", "/v2/process-instances/search"),
        tuple("POST", "/v2/process-instances/2251799813685280/incidents/search"),
        tuple("PATCH", "/v2/jobs/2251799813685296"),
        tuple("POST", "/v2/incidents/2251799813685300/resolution"));
    assertJson(camunda.requests().get(0).body(), """
        {"sort": [], "filter": {"tags": [], "$or": [], "variables": [{"name": "rolloutId",
         "value": {"$eq": "\\"checkout-20261123-7f3a\\"", "$in": [], "$notIn": []}}]}}""");
    assertJson(camunda.requests().get(2).body(), "{\"changeset\": {\"retries\": 1}}");
  }

  @Test
  void anUnknownRolloutIsNotFoundAndAnEndedOneHasNothingToRetry() {
    start(request -> request.body().contains("ended-1")
        ? Response.json(200, page(ROLLOUT.formatted("COMPLETED")))
        : Response.json(200, page()));
    RemoteRolloutRetry retry = new RemoteRolloutRetry(client, STEP_NAMES, JSON);

    assertThatThrownBy(() -> retry.retry("missing-1")).isInstanceOf(RolloutNotFoundException.class)
        .hasMessage("No rollout with id 'missing-1'; greenlight list shows the rollouts");
    assertThatThrownBy(() -> retry.retry("ended-1")).isInstanceOf(RolloutConflictException.class)
        .hasMessage("Rollout ended-1 is completed; there is nothing to retry");
  }

  @Test
  void aRolloutWithoutAnActiveIncidentHasNothingToRetry() {
    start(request -> request.path().endsWith("/incidents/search")
        ? Response.json(200, page())
        : Response.json(200, page(ROLLOUT.formatted("ACTIVE"))));

    assertThatThrownBy(() -> new RemoteRolloutRetry(client, STEP_NAMES, JSON).retry("checkout-1"))
        .isInstanceOf(RolloutConflictException.class)
        .hasMessage("Rollout checkout-1 has no incident waiting for a retry");
    assertThat(camunda.requests()).noneMatch(request -> request.path().contains("/resolution"));
  }

  private static String page(String... items) {
    return "{\"items\": [" + String.join(",", items) + "], \"page\": {\"totalItems\": " + items.length
        + ", \"startCursor\": \"c0\", \"endCursor\": \"c1\"}}";
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
