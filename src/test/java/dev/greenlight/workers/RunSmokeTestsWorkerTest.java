package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.smoke.SmokeReport;
import dev.greenlight.integrations.smoke.SmokeTestRunner;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SmokeTests;
import dev.greenlight.spec.SmokeTests.Check;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import io.camunda.client.exception.BpmnError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSmokeTestsWorkerTest {

  final RunSmokeTestsWorker worker = new RunSmokeTestsWorker(new SmokeTestRunner(new JsonHttp(new ObjectMapper())));

  @Test
  void passingChecksCompleteWithTheReport() {
    try (LocalHttpServer service = LocalHttpServer.start(request -> Response.json(200, "{\"status\":\"UP\"}"))) {
      Map<String, Object> variables = worker.runSmokeTests(runbook(
          new Check("health", "GET", service.uri("/health").toString(), null, null, 200, Map.of("$.status", "UP"), null)),
          null);

      SmokeReport report = (SmokeReport) variables.get(RolloutVariables.SMOKE_TESTS);
      assertThat(report.passed()).isTrue();
      assertThat(report.checks()).singleElement().satisfies(check -> assertThat(check.status()).isEqualTo(200));
    }
  }

  @Test
  void aFailedCheckThrowsSmokeFailedNamingItWithTheReportAsVariables() {
    try (LocalHttpServer service = LocalHttpServer.start(request -> request.path().equals("/health")
        ? Response.json(200, "{\"status\":\"UP\"}")
        : Response.json(503, "{\"status\":\"DOWN\"}"))) {
      RunbookSpec runbook = runbook(
          new Check("health", "GET", service.uri("/health").toString(), null, null, 200, null, null),
          new Check("checkout", "GET", service.uri("/checkout").toString(), null, null, 200, Map.of("$.status", "UP"), null));

      BpmnError error = catchThrowableOfType(BpmnError.class, () -> worker.runSmokeTests(runbook, null));

      assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.SMOKE_FAILED);
      assertThat(error.getErrorMessage()).isEqualTo("1 of 2 smoke checks failed: checkout (GET "
          + service.uri("/checkout") + "): expected status 200, got 503; $.status was \"DOWN\", expected \"UP\"");
      SmokeReport report = (SmokeReport) ((Map<?, ?>) error.getVariables()).get(RolloutVariables.SMOKE_TESTS);
      assertThat(report.passed()).isFalse();
      assertThat(report.checks()).extracting(c -> c.passed()).containsExactly(true, false);
    }
  }

  private static RunbookSpec runbook(Check... checks) {
    return new RunbookSpec("checkout", null, null, null, null, null, null,
        new SmokeTests(Duration.ofSeconds(5), List.of(checks)), null, null, null, null, null);
  }
}
