package dev.greenlight.metrics;

import static dev.greenlight.support.PrometheusScrape.value;
import static dev.greenlight.support.PrometheusScrape.valueOr0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.gates.GateState;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import dev.greenlight.spec.Strategy;
import dev.greenlight.support.InboxTestRollouts;
import dev.greenlight.support.RolloutApiSpringTest;
import dev.greenlight.support.TasksApi;
import dev.greenlight.workers.CheckMetricsWorker;
import io.camunda.client.CamundaClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Greenlight's own metrics as Prometheus scrapes them from {@code /actuator/prometheus}, after real events. Spring Boot
 * tests turn metrics export off unless asked, hence a context of its own with the Prometheus registry.
 */
@RolloutApiSpringTest
@AutoConfigureObservability(tracing = false)
class GreenlightMetricsTest {

  @Autowired TestRestTemplate http;
  @Autowired CamundaClient client;
  @Autowired CheckMetricsWorker checkMetrics;

  @Test
  void aGateMeasurementIsCountedByItsVerdict() {
    Stage stage = new Stage("canary", 10, null, null, null, 3, Map.of(), 0, null, null, null, null, null, null);
    RunbookSpec runbook = new RunbookSpec("checkout", Strategy.CANARY, null, null, null, null, null, null, null,
        List.of(stage), null, null, null);
    double passesBefore = valueOr0(scrape(), "greenlight_gate_evaluations_total{verdict=\"pass\"}");

    GateState gate = checkMetrics.checkMetrics(runbook, stage, null, "checkout-1", "2.0.0").get(RolloutVariables.GATE);

    assertThat(gate.verdict().json()).isEqualTo("pass");
    assertThat(value(scrape(), "greenlight_gate_evaluations_total{verdict=\"pass\"}")).isEqualTo(passesBefore + 1);
  }

  @Test
  void answeringADecisionRecordsHowLongItWaitedAndOverdueDecisionsAreAGauge() {
    TasksApi tasks = new TasksApi(http);
    InboxTestRollouts.Started rollout = new InboxTestRollouts(client).start("dave", List.of("security-lead"));
    Map<String, Object> task = tasks.awaitTask("bob", rollout.rolloutId(), "sign-off");
    double answeredBefore = valueOr0(scrape(), "greenlight_decision_wait_seconds_count");

    assertThat(tasks.decide("bob", task.get("key"), TasksApi.body("go", "fine")).getStatusCode().value()).isEqualTo(200);

    String scrape = scrape();
    assertThat(value(scrape, "greenlight_decision_wait_seconds_count")).isEqualTo(answeredBefore + 1);
    assertThat(value(scrape, "greenlight_decision_wait_seconds_bucket{le=\"+Inf\"}")).isEqualTo(answeredBefore + 1);
    assertThat(scrape).contains("greenlight_breach_to_rollback_seconds_bucket{le=\"60.0\"}");
    assertThat(value(scrape, "greenlight_signoffs_overdue")).isZero();
  }

  private String scrape() {
    return http.getForObject("/actuator/prometheus", String.class);
  }
}
