package dev.greenlight.gates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.spec.MetricSource.Unit;
import dev.greenlight.spec.RollbackTrigger;
import dev.greenlight.spec.RollbackTrigger.RollbackAction;
import dev.greenlight.spec.Stage;
import dev.greenlight.spec.Stage.BreachAction;
import dev.greenlight.spec.Stage.InconclusivePolicy;
import dev.greenlight.spec.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {

  static final Threshold ERROR_RATE_BELOW_1_PERCENT = Threshold.parse("< 1%");
  static final Threshold P99_BELOW_200_MS = Threshold.parse("< 200ms");
  static final Map<String, Unit> UNITS = Map.of("errorRate", Unit.RATIO, "p99", Unit.SECONDS,
      "matchAccuracy", Unit.RATIO);
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  static final Map<String, Measurement> HEALTHY = Map.of("errorRate", Measurement.of(0.002), "p99", Measurement.of(0.12));
  static final Map<String, Measurement> ERRORS = Map.of("errorRate", Measurement.of(0.034), "p99", Measurement.of(0.12));
  static final String NO_SERIES = "no data — Prometheus returned no series for sum(rate(x[5m]))";
  static final Map<String, Measurement> NO_DATA =
      Map.of("errorRate", Measurement.inconclusive(NO_SERIES), "p99", Measurement.of(0.12));

  @Test
  void allThresholdsHeldIsAPass() {
    GateState gate = evaluate(canary(1), HEALTHY, null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(gate.breached()).isFalse();
    assertThat(gate.stage()).isEqualTo("canary");
    assertThat(gate.measuredAt()).isEqualTo(T0);
    assertThat(gate.metrics()).containsEntry("errorRate", new MetricVerdict(GateVerdict.PASS, 0.002, "< 1%", null))
        .containsEntry("p99", new MetricVerdict(GateVerdict.PASS, 0.12, "< 200ms", null));
    assertThat(gate.consecutiveFailures()).isZero();
    assertThat(gate.consecutiveErrors()).isZero();
    assertThat(gate.validReadings()).isEqualTo(1);
  }

  @Test
  void aBrokenThresholdFailsWithTheMeasuredValueInTheRunbooksUnits() {
    GateState gate = evaluate(canary(3), ERRORS, null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(gate.metrics().get("errorRate"))
        .isEqualTo(new MetricVerdict(GateVerdict.FAIL, 0.034, "< 1%", "error rate 3.4 % is above the 1 % limit"));
    assertThat(gate.metrics().get("p99").verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(gate.consecutiveFailures()).isEqualTo(1);
    assertThat(gate.failingSince()).isEqualTo(T0);
    assertThat(gate.validReadings()).as("a failed reading is a valid one").isEqualTo(1);
    assertThat(gate.breached()).as("one failure of three allowed").isFalse();
  }

  @Test
  void theDefaultFailureLimitBreachesAtTheFirstFailure() {
    GateState gate = evaluate(canary(0), ERRORS, null);

    assertThat(gate.breached()).isTrue();
    assertThat(gate.breachReason()).isEqualTo("error rate 3.4 % is above the 1 % limit");
    assertThat(gate.trigger()).isNull();
    assertThat(gate.action()).isNull();
  }

  @Test
  void failuresInARowUpToTheFailureLimitBreach() {
    Stage stage = canary(3);
    GateState first = evaluate(stage, ERRORS, null);
    GateState second = evaluate(stage, ERRORS, first);
    GateState third = evaluate(stage, ERRORS, second);

    assertThat(List.of(first.breached(), second.breached(), third.breached())).containsExactly(false, false, true);
    assertThat(third.consecutiveFailures()).isEqualTo(3);
    assertThat(third.breachReason()).isEqualTo("error rate 3.4 % is above the 1 % limit (3 failed readings in a row)");
  }

  @Test
  void aPassResetsTheFailuresSoScatteredFailuresDoNotBreach() {
    Stage stage = canary(2);
    GateState failed = evaluate(stage, ERRORS, null);
    GateState passed = evaluate(stage, HEALTHY, failed);
    GateState failedAgain = evaluate(stage, ERRORS, passed);

    assertThat(passed.consecutiveFailures()).isZero();
    assertThat(passed.failingSince()).isNull();
    assertThat(failedAgain.consecutiveFailures()).isEqualTo(1);
    assertThat(failedAgain.breached()).isFalse();
    assertThat(failedAgain.validReadings()).isEqualTo(3);
  }

  @Test
  void readingsWithoutANumberAreToleratedUpToTheLimitAndBreachPastIt() {
    Stage stage = canary(1);
    GateState gate = null;
    for (int i = 1; i <= 4; i++) {
      gate = GateEvaluator.evaluate(rules(stage, List.of(), 4), NO_DATA, gate, T0);
      assertThat(gate.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
      assertThat(gate.consecutiveErrors()).isEqualTo(i);
      assertThat(gate.validReadings()).isZero();
      assertThat(gate.breached()).as("inconclusive #%d of limit 4", i).isFalse();
    }
    GateState fifth = GateEvaluator.evaluate(rules(stage, List.of(), 4), NO_DATA, gate, T0);

    assertThat(fifth.breached()).isTrue();
    assertThat(fifth.breachReason()).isEqualTo("5 readings in a row without a number, more than the 4"
        + " metrics.consecutiveErrorLimit allows: errorRate: " + NO_SERIES);
  }

  @Test
  void anUnsetConsecutiveErrorLimitIsFour() {
    GateState gate = null;
    for (int i = 0; i < 4; i++) {
      gate = GateEvaluator.evaluate(rules(canary(1), List.of(), 0), NO_DATA, gate, T0);
    }
    assertThat(gate.breached()).isFalse();
    assertThat(GateEvaluator.evaluate(rules(canary(1), List.of(), 0), NO_DATA, gate, T0).breached()).isTrue();
  }

  @Test
  void aConclusiveReadingResetsTheErrorsAndAnInconclusiveOneKeepsTheFailures() {
    Stage stage = canary(3);
    GateState failed = evaluate(stage, ERRORS, null);
    GateState unknown = evaluate(stage, NO_DATA, failed);
    GateState failedAgain = evaluate(stage, ERRORS, unknown);
    GateState passed = evaluate(stage, HEALTHY, evaluate(stage, NO_DATA, null));

    assertThat(unknown.consecutiveFailures()).isEqualTo(1);
    assertThat(unknown.consecutiveErrors()).isEqualTo(1);
    assertThat(unknown.validReadings()).isEqualTo(1);
    assertThat(failedAgain.consecutiveFailures()).isEqualTo(2);
    assertThat(failedAgain.consecutiveErrors()).isZero();
    assertThat(passed.consecutiveErrors()).isZero();
  }

  @Test
  void nanIsInconclusive() {
    GateState gate = evaluate(canary(1), Map.of("errorRate", Measurement.of(Double.NaN), "p99", Measurement.of(0.1)),
        null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(gate.metrics().get("errorRate")).isEqualTo(new MetricVerdict(GateVerdict.INCONCLUSIVE, null, "< 1%",
        "errorRate: not a number (NaN), e.g. a ratio over no requests"));
  }

  @Test
  void aMetricWithoutAMeasurementIsInconclusive() {
    GateState gate = evaluate(canary(1), Map.of("errorRate", Measurement.of(0.0)), null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(gate.metrics().get("p99").reason()).isEqualTo("p99: not measured");
  }

  @Test
  void aFailureOutweighsAnInconclusiveMetric() {
    GateState gate = evaluate(canary(1),
        Map.of("errorRate", Measurement.of(0.5), "p99", Measurement.inconclusive("Prometheus answered 503")), null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(gate.breached()).isTrue();
  }

  @Test
  void aStageThatRollsBackOnInconclusiveBreachesAtOnce() {
    GateState gate = evaluate(stage("canary", 1, InconclusivePolicy.ROLLBACK, null, null), NO_DATA, null);

    assertThat(gate.breached()).isTrue();
    assertThat(gate.breachReason()).isEqualTo("a reading without a number, and stage canary rolls back on inconclusive"
        + " readings: errorRate: " + NO_SERIES);
  }

  @Test
  void aStageThatAsksOnInconclusiveNeverBreachesOnErrors() {
    Stage stage = stage("compare-mode", 1, InconclusivePolicy.ASK, null, null);
    GateState gate = null;
    for (int i = 0; i < 10; i++) {
      gate = evaluate(stage, NO_DATA, gate);
    }
    assertThat(gate.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(gate.consecutiveErrors()).isEqualTo(10);
    assertThat(gate.breached()).isFalse();
  }

  @Test
  void aFiringRollbackTriggerBreachesAtOnceWithItsAction() {
    RollbackTrigger highErrorRate = new RollbackTrigger("high-error-rate",
        Map.of("errorRate", Threshold.parse("> 1%")), RollbackAction.QUICK, null);

    GateState gate = GateEvaluator.evaluate(rules(canary(5), List.of(highErrorRate), 4), ERRORS, null, T0);

    assertThat(gate.breached()).isTrue();
    assertThat(gate.trigger()).isEqualTo("high-error-rate");
    assertThat(gate.action()).isEqualTo(RollbackAction.QUICK);
    assertThat(gate.breachReason()).isEqualTo("rollback trigger high-error-rate fired: error rate 3.4 % is above 1 %");
    assertThat(gate.metrics().get("errorRate").reason())
        .isEqualTo("error rate 3.4 % is above 1 % (rollback trigger high-error-rate)");
  }

  @Test
  void aTriggerOnlyMetricIsReportedAndDoesNotFireWhileItHolds() {
    RollbackTrigger lowAccuracy = new RollbackTrigger("low-match-accuracy",
        Map.of("matchAccuracy", Threshold.parse("< 80%")), RollbackAction.PARTIAL, "useNewSystem");
    Map<String, Measurement> measured = Map.of("errorRate", Measurement.of(0.0), "p99", Measurement.of(0.1),
        "matchAccuracy", Measurement.of(0.93));

    GateState gate = GateEvaluator.evaluate(rules(canary(1), List.of(lowAccuracy), 4), measured, null, T0);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(gate.breached()).isFalse();
    assertThat(gate.metrics()).containsEntry("matchAccuracy", new MetricVerdict(GateVerdict.PASS, 0.93, null, null));
  }

  @Test
  void aTriggerDoesNotFireOnAMetricWithoutANumber() {
    RollbackTrigger highErrorRate = new RollbackTrigger("high-error-rate",
        Map.of("errorRate", Threshold.parse("> 1%")), RollbackAction.QUICK, null);

    GateState gate = GateEvaluator.evaluate(rules(canary(1), List.of(highErrorRate), 4),
        Map.of("errorRate", Measurement.of(Double.NaN), "p99", Measurement.of(0.1)), null, T0);

    assertThat(gate.trigger()).isNull();
    assertThat(gate.breached()).isFalse();
  }

  @Test
  void whenSeveralTriggersFireTheLargestRollbackWins() {
    RollbackTrigger partial = new RollbackTrigger("slow-matching",
        Map.of("p99", Threshold.parse("> 100ms")), RollbackAction.PARTIAL, "useNewSystem");
    RollbackTrigger full = new RollbackTrigger("data-errors",
        Map.of("errorRate", Threshold.parse("> 2%")), RollbackAction.FULL, null);

    GateState gate = GateEvaluator.evaluate(rules(canary(1), List.of(partial, full), 4), ERRORS, null, T0);

    assertThat(gate.trigger()).isEqualTo("data-errors");
    assertThat(gate.action()).isEqualTo(RollbackAction.FULL);
    assertThat(gate.breachReason()).isEqualTo("rollback trigger slow-matching fired: p99 120 ms is above 100 ms; "
        + "rollback trigger data-errors fired: error rate 3.4 % is above 2 %");
  }

  @Test
  void aNewStageRestartsItsFailuresAndValidReadingsButCarriesTheReadingsWithoutANumber() {
    GateState canaryEnd = evaluate(canary(3), NO_DATA, evaluate(canary(3), ERRORS, evaluate(canary(3), ERRORS, null)));
    GateState ramp = evaluate(stage("ramp", 3, null, null, null), NO_DATA, canaryEnd);
    GateState rampFailing = evaluate(stage("ramp", 3, null, null, null), ERRORS, ramp);

    assertThat(canaryEnd.consecutiveFailures()).isEqualTo(2);
    assertThat(canaryEnd.validReadings()).isEqualTo(2);
    assertThat(ramp.stage()).isEqualTo("ramp");
    assertThat(ramp.consecutiveErrors()).as("carried over from the canary stage").isEqualTo(2);
    assertThat(ramp.validReadings()).isZero();
    assertThat(rampFailing.consecutiveFailures()).isEqualTo(1);
    assertThat(rampFailing.breached()).isFalse();
  }

  @Test
  void readingsWithoutANumberAtTheEndOfOneStageAndTheStartOfTheNextBreachTogether() {
    GateState gate = null;
    for (int i = 0; i < 3; i++) {
      gate = evaluate(canary(1), NO_DATA, gate);
    }
    GateState rampFirst = evaluate(stage("ramp", 1, null, null, null), NO_DATA, gate);
    GateState rampSecond = evaluate(stage("ramp", 1, null, null, null), NO_DATA, rampFirst);

    assertThat(rampFirst.breached()).isFalse();
    assertThat(rampSecond.breached()).as("five in a row across the stage boundary, limit 4").isTrue();
  }

  @Test
  void afterABreachAPersonLetGoOnCountingStartsAgain() {
    Stage full = stage("full", 1, null, BreachAction.INVESTIGATE, null);
    GateState breached = evaluate(full, ERRORS, null);
    GateState keptWatching = evaluate(full, ERRORS, breached);

    assertThat(breached.breached()).isTrue();
    assertThat(keptWatching.consecutiveFailures()).isEqualTo(1);
    assertThat(keptWatching.validReadings()).isEqualTo(2);
  }

  @Test
  void anInvestigateStageBreachesOnlyOnceFailuresLastedTheBreachTolerance() {
    GateRules full = rules(stage("full", 1, null, BreachAction.INVESTIGATE, Duration.ofHours(1)), List.of(), 4);
    GateState first = GateEvaluator.evaluate(full, ERRORS, null, T0);
    GateState halfAnHour = GateEvaluator.evaluate(full, ERRORS, first, T0.plus(Duration.ofMinutes(30)));
    GateState anHour = GateEvaluator.evaluate(full, ERRORS, halfAnHour, T0.plus(Duration.ofHours(1)));

    assertThat(first.breached()).isFalse();
    assertThat(halfAnHour.breached()).isFalse();
    assertThat(halfAnHour.failingSince()).isEqualTo(T0);
    assertThat(anHour.breached()).isTrue();
    assertThat(anHour.breachReason()).isEqualTo("error rate 3.4 % is above the 1 % limit (3 failed readings in a row)");
  }

  @Test
  void aStageWithoutThresholdsOrTriggersPasses() {
    GateState gate = evaluate(stage("bake", 1, null, null, null, Map.of()), Map.of(), null);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(gate.metrics()).isEmpty();
  }

  @Test
  void aStageWithItsMinimumOfValidReadingsAndAValidLastOnePassesAtItsEnd() {
    GateState gate = evaluate(canary(3), HEALTHY, evaluate(canary(3), NO_DATA, evaluate(canary(3), ERRORS,
        evaluate(canary(3), HEALTHY, null))));

    GateState concluded = conclude(canary(3), gate);

    assertThat(gate.validReadings()).isEqualTo(3);
    assertThat(concluded).isSameAs(gate);
    assertThat(concluded.breached()).isFalse();
  }

  @Test
  void aStageWithTooFewValidReadingsBreachesAtItsEndSayingHowManyItHad() {
    GateState gate = evaluate(canary(1), HEALTHY, null);

    GateState concluded = conclude(canary(1), gate);

    assertThat(concluded.breached()).isTrue();
    assertThat(concluded.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(concluded.breachReason()).isEqualTo("stage canary ended with 1 valid reading of the 3 required");
    assertThat(concluded.measuredAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
    assertThat(concluded.validReadings()).isEqualTo(1);
  }

  @Test
  void aStageWithoutAnyReadingOfItsOwnBreachesAtItsEnd() {
    GateState previousStage = evaluate(stage("ramp", 1, null, null, null), HEALTHY, null);

    assertThat(conclude(canary(1), null).breachReason()).isEqualTo("stage canary ended with 0 valid readings of the"
        + " 3 required");
    assertThat(conclude(canary(1), previousStage).breachReason()).isEqualTo("stage canary ended with 0 valid readings"
        + " of the 3 required");
  }

  @Test
  void aStageWhoseLastReadingHadNoNumberNeverPassesHoweverManyValidOnesCameBefore() {
    GateState gate = null;
    for (int i = 0; i < 5; i++) {
      gate = evaluate(canary(1), HEALTHY, gate);
    }
    gate = evaluate(canary(1), NO_DATA, gate);

    GateState concluded = conclude(canary(1), gate);

    assertThat(concluded.breached()).isTrue();
    assertThat(concluded.breachReason()).isEqualTo("stage canary ended on a reading without a number (after 5 valid"
        + " readings): errorRate: " + NO_SERIES);
  }

  @Test
  void tooFewReadingsSayWhatTheLastOneLacked() {
    GateState gate = evaluate(canary(1), NO_DATA, evaluate(canary(1), HEALTHY, null));

    assertThat(conclude(canary(1), gate).breachReason()).isEqualTo("stage canary ended with 1 valid reading of the 3"
        + " required; the last reading had no number: errorRate: " + NO_SERIES);
  }

  @Test
  void aStageThatRollsBackOnInconclusiveAlsoBreachesAtItsEndWithoutEvidence() {
    Stage stage = stage("canary", 1, InconclusivePolicy.ROLLBACK, null, null);

    assertThat(conclude(stage, evaluate(stage, HEALTHY, null)).breached()).isTrue();
  }

  @Test
  void aStageThatAsksEndsWithoutEvidenceInconclusiveAndUnbreachedForAPersonToDecide() {
    Stage stage = stage("compare-mode", 1, InconclusivePolicy.ASK, null, null);

    GateState concluded = conclude(stage, evaluate(stage, NO_DATA, null));

    assertThat(concluded.breached()).isFalse();
    assertThat(concluded.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(concluded.breachReason()).startsWith("stage compare-mode ended with 0 valid readings of the 3 required");
  }

  @Test
  void theStateRoundTripsAsAProcessVariableWithLowerCaseVerdicts() throws Exception {
    JsonMapper json = JsonMapper.builder().findAndAddModules()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    RollbackTrigger highErrorRate = new RollbackTrigger("high-error-rate",
        Map.of("errorRate", Threshold.parse("> 1%")), RollbackAction.QUICK, null);
    GateState gate = GateEvaluator.evaluate(rules(canary(1), List.of(highErrorRate), 4), ERRORS, null, T0);

    String written = json.writeValueAsString(gate);

    assertThat(written).contains("\"verdict\":\"fail\"", "\"measuredAt\":\"2026-11-23T10:00:00Z\"", "\"action\":\"quick\"",
        "\"validReadings\":1");
    assertThat(json.readValue(written, GateState.class)).isEqualTo(gate);
  }

  @Test
  void compareCountsAcceptedAtABreachAreNotJudgedAgainWhenAPersonCarriesOn() {
    Stage compareMode = stage("compare-mode", 1, null, BreachAction.ASK, null,
        Map.of(CompareInputs.DISCREPANCIES, Threshold.parse("<= 0")));
    GateRules rules = new GateRules(compareMode, List.of(), 4, Map.of(CompareInputs.DISCREPANCIES, Unit.COUNT));

    GateState breached = GateEvaluator.evaluate(rules, Map.of(CompareInputs.DISCREPANCIES, Measurement.of(3)), null, T0);
    GateState carriedOn = GateEvaluator.evaluate(rules, Map.of(CompareInputs.DISCREPANCIES, Measurement.of(3)),
        breached, T0.plusSeconds(10));
    GateState more = GateEvaluator.evaluate(rules, Map.of(CompareInputs.DISCREPANCIES, Measurement.of(5)), carriedOn,
        T0.plusSeconds(20));

    assertThat(breached.breachReason()).isEqualTo("compare discrepancies 3 is above the 0 limit");
    assertThat(carriedOn.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(carriedOn.accepted()).containsExactly(Map.entry(CompareInputs.DISCREPANCIES, 3.0));
    assertThat(carriedOn.metrics().get(CompareInputs.DISCREPANCIES).value()).isZero();
    assertThat(more.breachReason()).isEqualTo("compare discrepancies 2 is above the 0 limit (counted since the 3"
        + " accepted at an earlier breach)");
    assertThat(more.readings()).isEqualTo(3);
    assertThat(more.failedReadings()).isEqualTo(2);
    assertThat(GateEvaluator.evaluate(rules, Map.of(CompareInputs.DISCREPANCIES, Measurement.of(5)),
        new GateState("dark-launch", GateVerdict.PASS, Map.of(), 0, 0, null, T0, false, null, null, null, 1, 1, 0,
            Map.of(CompareInputs.DISCREPANCIES, 9.0), List.of()), T0).accepted())
        .as("another stage's acceptance does not carry over").isEmpty();
  }

  private static GateState evaluate(Stage stage, Map<String, Measurement> measured, GateState previous) {
    return GateEvaluator.evaluate(rules(stage, List.of(), 4), measured, previous, T0);
  }

  private static GateState conclude(Stage stage, GateState gate) {
    return GateEvaluator.conclude(rules(stage, List.of(), 4), gate, T0.plus(Duration.ofHours(2)));
  }

  static GateRules rules(Stage stage, List<RollbackTrigger> triggers, int consecutiveErrorLimit) {
    return new GateRules(stage, triggers, consecutiveErrorLimit, UNITS);
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
    return new Stage(name, 1, Duration.ofHours(2), Duration.ofSeconds(10), Duration.ofSeconds(10), 3, thresholds,
        failureLimit, onInconclusive, onBreach, breachTolerance, null, null, null);
  }
}
