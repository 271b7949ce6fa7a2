package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.gates.QueriesNotAnsweredException;
import dev.greenlight.gates.QueryPreflight;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.metrics.MetricProviders;
import dev.greenlight.processes.ServiceStandIn.PrometheusAnswer;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.SpecReader;
import dev.greenlight.support.LocalPrometheus;
import dev.greenlight.support.RequestCountExporter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * No stage passes blind: a canary judged by the real Prometheus, killed at the start, in the middle and at the end of
 * its stage, and by a Prometheus API that answers garbage, HTTP 500 or no series. None of them lets the stage pass;
 * each ends in the runbook's inconclusive action (count-as-error: rolled back at the stage's end, rollback: at once,
 * ask: a person decides). The stage is two hours with a reading every 20 minutes: five readings, three needed.
 */
class PrometheusGateProcessTest extends RunbookProcessTest {

  static final Duration READING = Duration.ofMinutes(20);
  static final Duration STAGE = Duration.ofHours(2);

  static RequestCountExporter service;
  LocalPrometheus prometheus;

  @BeforeAll
  static void startTheService() {
    service = new RequestCountExporter();
  }

  @AfterAll
  static void stopTheService() {
    service.close();
  }

  @AfterEach
  void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
      prometheus = null;
    }
  }

  @Test
  void aHealthyCanaryWithEveryReadingPassesAndRollsOut() {
    Rollout rollout = startOnRealPrometheus("count-as-error");

    driver.advance(STAGE, READING);

    assertThat(driver.path(rollout.key())).as(driver.describe(rollout.key()))
        .contains("stage-passed", "rolled-out").doesNotContain("roll-back");
    assertThat(gate(rollout)).containsEntry("validReadings", 5).containsEntry("verdict", "pass");
  }

  @Test
  void prometheusKilledAtTheStartOfTheStageRollsBackAtItsEndWithNoValidReading() {
    Rollout rollout = startOnRealPrometheus("count-as-error");
    prometheus.kill();

    driver.advance(STAGE, READING);

    assertRolledBackAtTheStageEnd(rollout, "stage canary ended with 0 valid readings of the 3 required; the last"
        + " reading had no number: errorRate: Prometheus at " + prometheus.url() + " did not answer: ");
  }

  @Test
  void prometheusKilledInTheMiddleOfTheStageRollsBackAtItsEnd() {
    Rollout rollout = startOnRealPrometheus("count-as-error");
    driver.advance(READING.multipliedBy(2), READING);
    assertThat(gate(rollout)).containsEntry("validReadings", 2);
    prometheus.kill();

    driver.advance(STAGE.minus(READING.multipliedBy(2)), READING);

    assertRolledBackAtTheStageEnd(rollout, "stage canary ended with 2 valid readings of the 3 required; the last"
        + " reading had no number: errorRate: Prometheus at " + prometheus.url() + " did not answer: ");
  }

  @Test
  void prometheusKilledAtTheEndOfTheStageLeavesItsLastReadingWithoutANumberAndRollsBack() {
    Rollout rollout = startOnRealPrometheus("count-as-error");
    driver.advance(READING.multipliedBy(4), READING);
    assertThat(gate(rollout)).containsEntry("validReadings", 4);
    prometheus.kill();

    driver.advance(STAGE.minus(READING.multipliedBy(4)), READING);

    assertRolledBackAtTheStageEnd(rollout, "stage canary ended on a reading without a number (after 4 valid"
        + " readings): errorRate: Prometheus at " + prometheus.url() + " did not answer: ");
  }

  @Test
  void prometheusKilledInTheMiddleOfAStageThatRollsBackOnInconclusiveRollsBackAtOnce() {
    Rollout rollout = startOnRealPrometheus("rollback");
    driver.advance(READING, READING);
    prometheus.kill();

    driver.advance(READING, READING);

    assertThat(driver.path(rollout.key())).as(driver.describe(rollout.key()))
        .contains("breach-found", "stage-breached", "rolled-back").doesNotContain("judge-evidence", "rolled-out");
    assertThat(SERVICE.canaryWeight()).isZero();
    assertThat(String.valueOf(gate(rollout).get("breachReason"))).startsWith("a reading without a number, and stage"
        + " canary rolls back on inconclusive readings: errorRate: Prometheus at " + prometheus.url());
  }

  @Test
  void aStartWhoseLiveVersionPrometheusHasNoSeriesOfIsRefused() {
    prometheus = startPrometheus();

    assertThatThrownBy(() -> start(prometheus.url(), "0.9.0", "count-as-error"))
        .isInstanceOf(QueriesNotAnsweredException.class)
        .hasMessageContaining("did not answer for the live version 0.9.0")
        .satisfies(e -> assertThat(((QueriesNotAnsweredException) e).failures()).singleElement().asString()
            .startsWith("errorRate: no data — Prometheus returned no series for (sum(rate(http_requests_total{service="
                + "\"checkout\",version=\"0.9.0\",status=\"500\"}[5s])) or vector(0))"));
    assertThat(SERVICE.requests("PUT", "/router/weights")).isEmpty();
  }

  @Test
  void aPrometheusApiAnsweringGarbageMakesAPersonDecideWhereTheStageAsks() {
    Rollout rollout = startOnStandIn("ask");
    SERVICE.prometheusAnswers(PrometheusAnswer.GARBAGE);

    driver.advance(READING, READING);
    assertThat(String.valueOf(gate(rollout).get("metrics"))).contains("Prometheus answered 200 with a body that is"
        + " not JSON: <html><body>Sign in to continue</body></html>");
    driver.decide(rollout.key(), "decide-inconclusive", "no-go");

    assertThat(driver.path(rollout.key())).contains("stopped-by-decision", "stage-breached", "rolled-back")
        .doesNotContain("rolled-out");
    assertThat(SERVICE.canaryWeight()).isZero();
  }

  @Test
  void aPrometheusApiAnsweringHttp500RollsBackAtTheStageEnd() {
    Rollout rollout = startOnStandIn("count-as-error");
    SERVICE.prometheusAnswers(PrometheusAnswer.SERVER_ERROR);

    driver.advance(STAGE, READING);

    assertRolledBackAtTheStageEnd(rollout, "stage canary ended with 0 valid readings of the 3 required; the last"
        + " reading had no number: errorRate: Prometheus answered 500 (internal): query processing would load too"
        + " many samples into memory");
  }

  @Test
  void aQueryWithNoSeriesRollsBackAtTheStageEnd() {
    Rollout rollout = startOnStandIn("count-as-error");
    driver.advance(READING, READING);
    SERVICE.prometheusAnswers(PrometheusAnswer.NO_SERIES);

    driver.advance(STAGE.minus(READING), READING);

    assertRolledBackAtTheStageEnd(rollout, "stage canary ended with 1 valid reading of the 3 required; the last"
        + " reading had no number: errorRate: no data — Prometheus returned no series for (sum(rate(http_requests_total"
        + "{service=\"checkout\",version=\"2.0.0\",status=\"500\"}[5s])) or vector(0))");
  }

  private void assertRolledBackAtTheStageEnd(Rollout rollout, String reason) {
    assertThat(driver.path(rollout.key())).as(driver.describe(rollout.key()))
        .contains("judge-evidence", "stage-breached", "rolled-back")
        .doesNotContain("stage-passed", "rolled-out");
    assertThat(String.valueOf(gate(rollout).get("breachReason"))).startsWith(reason);
    assertThat(SERVICE.canaryWeight()).isZero();
    assertThat(SERVICE.slackMessages()).anySatisfy(message -> assertThat(message)
        .startsWith("Rolled back checkout 2.0.0: " + reason));
    assertThat(SERVICE.slackMessages().getLast()).contains(" ended rolled-back: " + reason);
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).hasSize(1);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> gate(Rollout rollout) {
    return (Map<String, Object>) driver.variable(rollout.key(), "gate");
  }

  private Rollout startOnRealPrometheus(String onInconclusive) {
    prometheus = startPrometheus();
    return start(prometheus.url(), RequestCountExporter.STABLE_VERSION, onInconclusive);
  }

  private Rollout startOnStandIn(String onInconclusive) {
    return start(SERVICE.uri("/prometheus").toString(), RequestCountExporter.STABLE_VERSION, onInconclusive);
  }

  private Rollout start(String prometheusUrl, String liveVersion, String onInconclusive) {
    Map<String, String> values = new HashMap<>();
    values.put("prometheus", prometheusUrl);
    values.put("liveVersion", liveVersion);
    values.put("onInconclusive", onInconclusive);
    Rollout rollout = start("canary-prometheus", values);
    assertThat(SERVICE.canaryWeight()).as(driver.describe(rollout.key())).isEqualTo(10);
    return rollout;
  }

  /** A fresh Prometheus scraping the service, once it has the two scrapes a rate needs. */
  private LocalPrometheus startPrometheus() {
    LocalPrometheus started = LocalPrometheus.start(service.target());
    Secrets secrets = new Secrets(new MockEnvironment()
        .withProperty("greenlight.secrets.TEST_PROMETHEUS_USER", LocalPrometheus.USERNAME)
        .withProperty("greenlight.secrets.TEST_PROMETHEUS_PASSWORD", LocalPrometheus.PASSWORD));
    QueryPreflight preflight = new QueryPreflight(new MetricProviders(new JsonHttp(new ObjectMapper()), secrets));
    var runbook = new SpecReader().readYaml(runbookYaml("canary-prometheus", Map.of("prometheus", started.url(),
        "liveVersion", "1.0.0", "onInconclusive", "count-as-error")), "canary-prometheus");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> preflight.check(runbook, RequestCountExporter.NEW_VERSION).passed());
    return started;
  }
}
