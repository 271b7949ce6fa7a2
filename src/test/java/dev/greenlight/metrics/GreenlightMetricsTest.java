package dev.greenlight.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.api.rollouts.RolloutStarter;
import dev.greenlight.api.rollouts.StartRolloutRequest;
import dev.greenlight.gates.GateState;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import dev.greenlight.support.InboxTestRollouts;
import dev.greenlight.support.RolloutApiSpringTest;
import dev.greenlight.support.RolloutTestProcess;
import dev.greenlight.support.TasksApi;
import dev.greenlight.workers.CheckMetricsWorker;
import io.camunda.client.CamundaClient;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  @Autowired RolloutStarter starter;
  @Autowired CheckMetricsWorker checkMetrics;

  @Test
  void startingARolloutCountsItByStrategyAndService() {
    RolloutTestProcess.deploy(client);
    String series = "greenlight_rollouts_started_total{service=\"analyzer\",strategy=\"canary\"}";
    double before = valueOr0(scrape(), series);

    starter.start(new StartRolloutRequest("analyzer-canary", null, "1.11.0", "CHG-1"), RolloutApiSpringTest.USER);

    String scrape = scrape();
    assertThat(value(scrape, series)).isEqualTo(before + 1);
    assertThat(scrape).doesNotContain("rolloutId", "rollout_id");
  }

  @Test
  void aGateMeasurementIsCountedByItsVerdict() {
    RunbookSpec runbook = new RunbookSpec("checkout", null, null, null, null, null, null, null, null, null, null, null,
        null);
    Stage stage = new Stage("canary", 10, null, null, Map.of(), 0, null, null, null, null, null, null);
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

  private static double value(String scrape, String series) {
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    assertThat(line.find()).as("series %s on /actuator/prometheus", series).isTrue();
    return Double.parseDouble(line.group(1));
  }

  private static double valueOr0(String scrape, String series) {
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    return line.find() ? Double.parseDouble(line.group(1)) : 0;
  }
}
