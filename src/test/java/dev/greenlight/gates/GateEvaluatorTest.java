package dev.greenlight.gates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.spec.RollbackTrigger;
import dev.greenlight.spec.RollbackTrigger.RollbackAction;
import dev.greenlight.spec.Stage;
import dev.greenlight.spec.Stage.BreachAction;
import dev.greenlight.spec.Stage.InconclusivePolicy;
import dev.greenlight.spec.Threshold;
import dev.greenlight.spec.Threshold.Comparison;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {

  static final Threshold ERROR_RATE_BELOW_1_PERCENT = new Threshold(Comparison.BELOW, 0.01, "< 1%");
  static final Threshold P99_BELOW_200_MS = new Threshold(Comparison.BELOW, 0.2, "< 200ms");
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  static final Map<String, Measurement> HEALTHY = Map.of("errorRate", Measurement.of(0.002), "p99", Measurement.of(0.12));
  static final Map<String, Measurement> ERRORS = Map.of("errorRate", Measurement.of(0.034), "p99", Measurement.of(0.12));
  static final Map<String, Measurement> NO_DATA =
      Map.of("errorRate", Measurement.inconclusive("no data: the query returned no series"), "p99", Measurement.of(0.12));

  @Test
  void allThresholdsHeldIsAPass() {
    GateState gate = evaluate(canary(1), List.of(), HEALTHY, null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(gate.breached()).isFalse();
    assertThat(gate.stage()).isEqualTo("canary");
    assertThat(gate.measuredAt()).isEqualTo(T0);
    assertThat(gate.metrics()).containsEntry("errorRate", new MetricVerdict(GateVerdict.PASS, 0.002, "< 1%", null))
        .containsEntry("p99", new MetricVerdict(GateVerdict.PASS, 0.12, "< 200ms", null));
    assertThat(gate.consecutiveFailures()).isZero();
    assertThat(gate.consecutiveErrors()).isZero();
  }

  @Test
  void aBrokenThresholdFailsWithTheMeasuredValue() {
    GateState gate = evaluate(canary(3), List.of(), ERRORS, null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(gate.metrics().get("errorRate"))
        .isEqualTo(new MetricVerdict(GateVerdict.FAIL, 0.034, "< 1%", "errorRate 0.034 is not < 1%"));
    assertThat(gate.metrics().get("p99").verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(gate.consecutiveFailures()).isEqualTo(1);
    assertThat(gate.failingSince()).isEqualTo(T0);
    assertThat(gate.breached()).as("one failure of three allowed").isFalse();
  }

  @Test
  void theDefaultFailureLimitBreachesAtTheFirstFailure() {
    GateState gate = evaluate(canary(0), List.of(), ERRORS, null);

    assertThat(gate.breached()).isTrue();
    assertThat(gate.breachReason()).isEqualTo("1 failed measurement(s) in a row (failure limit 1): errorRate 0.034 is not < 1%");
    assertThat(gate.trigger()).isNull();
    assertThat(gate.action()).isNull();
  }

  @Test
  void failuresInARowUpToTheFailureLimitBreach() {
    Stage stage = canary(3);
    GateState first = evaluate(stage, List.of(), ERRORS, null);
    GateState second = evaluate(stage, List.of(), ERRORS, first);
    GateState third = evaluate(stage, List.of(), ERRORS, second);

    assertThat(List.of(first.breached(), second.breached(), third.breached())).containsExactly(false, false, true);
    assertThat(third.consecutiveFailures()).isEqualTo(3);
    assertThat(third.breachReason()).startsWith("3 failed measurement(s) in a row (failure limit 3)");
  }

  @Test
  void aPassResetsTheFailuresSoScatteredFailuresDoNotBreach() {
    Stage stage = canary(2);
    GateState failed = evaluate(stage, List.of(), ERRORS, null);
    GateState passed = evaluate(stage, List.of(), HEALTHY, failed);
    GateState failedAgain = evaluate(stage, List.of(), ERRORS, passed);

    assertThat(passed.consecutiveFailures()).isZero();
    assertThat(passed.failingSince()).isNull();
    assertThat(failedAgain.consecutiveFailures()).isEqualTo(1);
    assertThat(failedAgain.breached()).isFalse();
  }

  @Test
  void inconclusiveMeasurementsAreToleratedUpToTheLimitAndBreachPastIt() {
    Stage stage = canary(1);
    GateState gate = null;
    for (int i = 1; i <= 4; i++) {
      gate = GateEvaluator.evaluate(stage, List.of(), 4, NO_DATA, gate, T0);
      assertThat(gate.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
      assertThat(gate.consecutiveErrors()).isEqualTo(i);
      assertThat(gate.breached()).as("inconclusive #%d of limit 4", i).isFalse();
    }
    GateState fifth = GateEvaluator.evaluate(stage, List.of(), 4, NO_DATA, gate, T0);

    assertThat(fifth.breached()).isTrue();
    assertThat(fifth.breachReason()).isEqualTo("5 inconclusive measurements in a row, past the consecutive-error limit"
        + " of 4: errorRate: no data: the query returned no series");
  }

  @Test
  void anUnsetConsecutiveErrorLimitIsFour() {
    GateState gate = null;
    for (int i = 0; i < 4; i++) {
      gate = GateEvaluator.evaluate(canary(1), List.of(), 0, NO_DATA, gate, T0);
    }
    assertThat(gate.breached()).isFalse();
    assertThat(GateEvaluator.evaluate(canary(1), List.of(), 0, NO_DATA, gate, T0).breached()).isTrue();
  }

  @Test
  void aConclusiveMeasurementResetsTheErrorsAndAnInconclusiveOneKeepsTheFailures() {
    Stage stage = canary(3);
    GateState failed = evaluate(stage, List.of(), ERRORS, null);
    GateState unknown = evaluate(stage, List.of(), NO_DATA, failed);
    GateState failedAgain = evaluate(stage, List.of(), ERRORS, unknown);
    GateState passed = evaluate(stage, List.of(), HEALTHY, evaluate(stage, List.of(), NO_DATA, null));

    assertThat(unknown.consecutiveFailures()).isEqualTo(1);
    assertThat(unknown.consecutiveErrors()).isEqualTo(1);
    assertThat(failedAgain.consecutiveFailures()).isEqualTo(2);
    assertThat(failedAgain.consecutiveErrors()).isZero();
    assertThat(passed.consecutiveErrors()).isZero();
  }

  @Test
  void nanIsInconclusive() {
    GateState gate = evaluate(canary(1), List.of(), Map.of("errorRate", Measurement.of(Double.NaN),
        "p99", Measurement.of(0.1)), null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(gate.metrics().get("errorRate"))
        .isEqualTo(new MetricVerdict(GateVerdict.INCONCLUSIVE, null, "< 1%", "errorRate: NaN (e.g. a ratio over no requests)"));
  }

  @Test
  void aMetricWithoutAMeasurementIsInconclusive() {
    GateState gate = evaluate(canary(1), List.of(), Map.of("errorRate", Measurement.of(0.0)), null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(gate.metrics().get("p99").reason()).isEqualTo("p99: not measured");
  }

  @Test
  void aFailureOutweighsAnInconclusiveMetric() {
    GateState gate = evaluate(canary(1), List.of(),
        Map.of("errorRate", Measurement.of(0.5), "p99", Measurement.inconclusive("Prometheus answered 503")), null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(gate.breached()).isTrue();
  }

  @Test
  void aStageThatRollsBackOnInconclusiveBreachesAtOnce() {
    GateState gate = evaluate(stage("canary", 1, InconclusivePolicy.ROLLBACK, null, null), List.of(), NO_DATA, null);

    assertThat(gate.breached()).isTrue();
    assertThat(gate.breachReason()).isEqualTo("inconclusive measurement, and the stage rolls back on inconclusive: "
        + "errorRate: no data: the query returned no series");
  }

  @Test
  void aStageThatAsksOnInconclusiveNeverBreachesOnErrors() {
    Stage stage = stage("compare-mode", 1, InconclusivePolicy.ASK, null, null);
    GateState gate = null;
    for (int i = 0; i < 10; i++) {
      gate = evaluate(stage, List.of(), NO_DATA, gate);
    }
    assertThat(gate.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(gate.consecutiveErrors()).isEqualTo(10);
    assertThat(gate.breached()).isFalse();
  }

  @Test
  void aFiringRollbackTriggerBreachesAtOnceWithItsAction() {
    RollbackTrigger highErrorRate = new RollbackTrigger("high-error-rate",
        Map.of("errorRate", new Threshold(Comparison.ABOVE, 0.01, "> 1%")), RollbackAction.QUICK, null);

    GateState gate = evaluate(canary(5), List.of(highErrorRate), ERRORS, null);

    assertThat(gate.breached()).isTrue();
    assertThat(gate.trigger()).isEqualTo("high-error-rate");
    assertThat(gate.action()).isEqualTo(RollbackAction.QUICK);
    assertThat(gate.breachReason()).isEqualTo("rollback trigger high-error-rate fired: errorRate 0.034 > 1%");
    assertThat(gate.metrics().get("errorRate").reason()).isEqualTo("errorRate 0.034 > 1% (rollback trigger high-error-rate)");
  }

  @Test
  void aTriggerOnlyMetricIsReportedAndDoesNotFireWhileItHolds() {
    RollbackTrigger lowAccuracy = new RollbackTrigger("low-match-accuracy",
        Map.of("matchAccuracy", new Threshold(Comparison.BELOW, 0.8, "< 80%")), RollbackAction.PARTIAL, "useNewSystem");
    Map<String, Measurement> measured = Map.of("errorRate", Measurement.of(0.0), "p99", Measurement.of(0.1),
        "matchAccuracy", Measurement.of(0.93));

    GateState gate = evaluate(canary(1), List.of(lowAccuracy), measured, null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(gate.breached()).isFalse();
    assertThat(gate.metrics()).containsEntry("matchAccuracy", new MetricVerdict(GateVerdict.PASS, 0.93, null, null));
  }

  @Test
  void aTriggerDoesNotFireOnAMetricWithoutANumber() {
    RollbackTrigger highErrorRate = new RollbackTrigger("high-error-rate",
        Map.of("errorRate", new Threshold(Comparison.ABOVE, 0.01, "> 1%")), RollbackAction.QUICK, null);

    GateState gate = evaluate(canary(1), List.of(highErrorRate),
        Map.of("errorRate", Measurement.of(Double.NaN), "p99", Measurement.of(0.1)), null);

    assertThat(gate.trigger()).isNull();
    assertThat(gate.breached()).isFalse();
  }

  @Test
  void whenSeveralTriggersFireTheLargestRollbackWins() {
    RollbackTrigger partial = new RollbackTrigger("slow-matching",
        Map.of("p99", new Threshold(Comparison.ABOVE, 0.1, "> 100ms")), RollbackAction.PARTIAL, "useNewSystem");
    RollbackTrigger full = new RollbackTrigger("data-errors",
        Map.of("errorRate", new Threshold(Comparison.ABOVE, 0.02, "> 2%")), RollbackAction.FULL, null);

    GateState gate = evaluate(canary(1), List.of(partial, full), ERRORS, null);

    assertThat(gate.trigger()).isEqualTo("data-errors");
    assertThat(gate.action()).isEqualTo(RollbackAction.FULL);
    assertThat(gate.breachReason()).isEqualTo("rollback trigger slow-matching fired: p99 0.12 > 100ms; "
        + "rollback trigger data-errors fired: errorRate 0.034 > 2%");
  }

  @Test
  void aNewStageStartsItsCountersAfresh() {
    GateState canaryFailing = evaluate(canary(3), List.of(), ERRORS, evaluate(canary(3), List.of(), ERRORS, null));
    GateState ramp = evaluate(stage("ramp", 3, null, null, null), List.of(), ERRORS, canaryFailing);

    assertThat(canaryFailing.consecutiveFailures()).isEqualTo(2);
    assertThat(ramp.stage()).isEqualTo("ramp");
    assertThat(ramp.consecutiveFailures()).isEqualTo(1);
    assertThat(ramp.breached()).isFalse();
  }

  @Test
  void anInvestigateStageBreachesOnlyOnceFailuresLastedTheBreachTolerance() {
    Stage full = stage("full", 1, null, BreachAction.INVESTIGATE, Duration.ofHours(1));
    GateState first = GateEvaluator.evaluate(full, List.of(), 4, ERRORS, null, T0);
    GateState halfAnHour = GateEvaluator.evaluate(full, List.of(), 4, ERRORS, first, T0.plus(Duration.ofMinutes(30)));
    GateState anHour = GateEvaluator.evaluate(full, List.of(), 4, ERRORS, halfAnHour, T0.plus(Duration.ofHours(1)));

    assertThat(first.breached()).isFalse();
    assertThat(halfAnHour.breached()).isFalse();
    assertThat(halfAnHour.failingSince()).isEqualTo(T0);
    assertThat(anHour.breached()).isTrue();
  }

  @Test
  void aStageWithoutThresholdsOrTriggersPasses() {
    GateState gate = evaluate(stage("bake", 1, null, null, null, Map.of()), List.of(), Map.of(), null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(gate.metrics()).isEmpty();
  }

  @Test
  void theStateRoundTripsAsAProcessVariableWithLowerCaseVerdicts() throws Exception {
    JsonMapper json = JsonMapper.builder().findAndAddModules()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    RollbackTrigger highErrorRate = new RollbackTrigger("high-error-rate",
        Map.of("errorRate", new Threshold(Comparison.ABOVE, 0.01, "> 1%")), RollbackAction.QUICK, null);
    GateState gate = evaluate(canary(1), List.of(highErrorRate), ERRORS, null);

    String written = json.writeValueAsString(gate);

    assertThat(written).contains("\"verdict\":\"fail\"", "\"measuredAt\":\"2026-11-23T10:00:00Z\"", "\"action\":\"quick\"");
    assertThat(json.readValue(written, GateState.class)).isEqualTo(gate);
  }

  private static GateState evaluate(Stage stage, List<RollbackTrigger> triggers, Map<String, Measurement> measured,
      GateState previous) {
    return GateEvaluator.evaluate(stage, triggers, 4, measured, previous, T0);
  }

  static Stage canary(int failureLimit) {
    return stage("canary", failureLimit, null, null, null);
  }

  static Stage stage(String name, int failureLimit, InconclusivePolicy onInconclusive, BreachAction onBreach,
      Duration breachTolerance) {
    return stage(name, failureLimit, onInconclusive, onBreach, breachTolerance,
        Map.of("errorRate", ERROR_RATE_BELOW_1_PERCENT, "p99", P99_BELOW_200_MS));
  }

  static Stage stage(String name, int failureLimit, InconclusivePolicy onInconclusive, BreachAction onBreach,
      Duration breachTolerance, Map<String, Threshold> thresholds) {
    return new Stage(name, 1, Duration.ofHours(2), Duration.ofSeconds(10), thresholds, failureLimit, onInconclusive,
        onBreach, breachTolerance, null, null, null);
  }
}
