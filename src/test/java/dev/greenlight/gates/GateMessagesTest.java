package dev.greenlight.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.spec.MetricSource.Unit;
import dev.greenlight.spec.Stage;
import dev.greenlight.spec.Threshold;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gate messages speak the runbook's units, never "0.2222222 is not < 0.5%". */
class GateMessagesTest {

  @Test
  void queryNamesAreSpokenAsWords() {
    assertThat(GateMessages.spoken("errorRate")).isEqualTo("error rate");
    assertThat(GateMessages.spoken("latencyP99")).isEqualTo("latency p99");
    assertThat(GateMessages.spoken("embeddingSuccessRate")).isEqualTo("embedding success rate");
    assertThat(GateMessages.spoken("p99")).isEqualTo("p99");
    assertThat(GateMessages.spoken("queue_depth")).isEqualTo("queue_depth");
  }

  @Test
  void ratiosArePercentagesSecondsAreMillisecondsOrSecondsCountsArePlain() {
    assertThat(GateMessages.amount(0.2222222, Unit.RATIO)).isEqualTo("22.2 %");
    assertThat(GateMessages.amount(0.005, Unit.RATIO)).isEqualTo("0.5 %");
    assertThat(GateMessages.amount(0.0005, Unit.RATIO)).isEqualTo("0.05 %");
    assertThat(GateMessages.amount(1, Unit.RATIO)).isEqualTo("100 %");
    assertThat(GateMessages.amount(0, Unit.RATIO)).isEqualTo("0 %");
    assertThat(GateMessages.amount(0.35, Unit.SECONDS)).isEqualTo("350 ms");
    assertThat(GateMessages.amount(0.01234, Unit.SECONDS)).isEqualTo("12.3 ms");
    assertThat(GateMessages.amount(2.5, Unit.SECONDS)).isEqualTo("2.5 s");
    assertThat(GateMessages.amount(12345, Unit.COUNT)).isEqualTo("12345");
    assertThat(GateMessages.amount(0.5, Unit.COUNT)).isEqualTo("0.5");
    assertThat(GateMessages.amount(7, null)).isEqualTo("7");
    assertThat(GateMessages.amount(Double.POSITIVE_INFINITY, Unit.SECONDS)).isEqualTo("+Inf");
  }

  @Test
  void aBrokenLimitSaysWhichWayItWasBroken() {
    assertThat(GateMessages.broken("errorRate", 0.2222222, Threshold.parse("< 0.5%"), Unit.RATIO))
        .isEqualTo("error rate 22.2 % is above the 0.5 % limit");
    assertThat(GateMessages.broken("latencyP99", 0.35, Threshold.parse("< 200ms"), Unit.SECONDS))
        .isEqualTo("latency p99 350 ms is above the 200 ms limit");
    assertThat(GateMessages.broken("latencyP99", 3, Threshold.parse("< 2s"), Unit.SECONDS))
        .isEqualTo("latency p99 3 s is above the 2 s limit");
    assertThat(GateMessages.broken("errorRate", 0.005, Threshold.parse("< 0.5%"), Unit.RATIO))
        .isEqualTo("error rate 0.5 % is at the 0.5 % limit, which it must stay below");
    assertThat(GateMessages.broken("discrepancies", 3, Threshold.parse("<= 0"), Unit.COUNT))
        .isEqualTo("discrepancies 3 is above the 0 limit");
    assertThat(GateMessages.broken("matchAccuracy", 0.93, Threshold.parse("> 95%"), Unit.RATIO))
        .isEqualTo("match accuracy 93 % is below the 95 % minimum");
    assertThat(GateMessages.broken("matchAccuracy", 0.95, Threshold.parse("> 95%"), Unit.RATIO))
        .isEqualTo("match accuracy 95 % is at the 95 % minimum, which it must stay above");
    assertThat(GateMessages.broken("embeddingSuccessRate", 0.9, Threshold.parse(">= 95%"), Unit.RATIO))
        .isEqualTo("embedding success rate 90 % is below the 95 % minimum");
    assertThat(GateMessages.broken("errorRate", 0.6, Threshold.parse("<= 0.5"), Unit.RATIO))
        .isEqualTo("error rate 60 % is above the 50 % limit");
  }

  @Test
  void aValueJustPastItsLimitIsWrittenWithTheDigitsThatTellThemApart() {
    assertThat(GateMessages.broken("errorRate", 0.0010004, Threshold.parse("< 0.1%"), Unit.RATIO))
        .isEqualTo("error rate 0.10004 % is above the 0.1 % limit");
  }

  @Test
  void aCrossedTriggerConditionSaysWhatItSaw() {
    assertThat(GateMessages.crossed("errorRate", 0.02, Threshold.parse("> 1%"), Unit.RATIO))
        .isEqualTo("error rate 2 % is above 1 %");
    assertThat(GateMessages.crossed("matchAccuracy", 0.7, Threshold.parse("< 80%"), Unit.RATIO))
        .isEqualTo("match accuracy 70 % is below 80 %");
    assertThat(GateMessages.crossed("queueDepth", 500, Threshold.parse(">= 500"), Unit.COUNT))
        .isEqualTo("queue depth 500 is at 500");
    assertThat(GateMessages.crossed("queueDepth", 12, Threshold.parse("<= 20"), Unit.COUNT))
        .isEqualTo("queue depth 12 is below 20");
  }

  @Test
  void aReadingForTheLogListsEveryMetricAndTheEvidenceSoFar() {
    Stage ramp = new Stage("ramp", 10, Duration.ofHours(4), Duration.ofMinutes(1), Duration.ofMinutes(1), 3,
        Map.of(), 1, null, null, null, null, null, null);
    GateRules rules = new GateRules(ramp, List.of(), 4, Map.of("errorRate", Unit.RATIO, "latencyP99", Unit.SECONDS));
    Map<String, MetricVerdict> metrics = new LinkedHashMap<>();
    metrics.put("errorRate", new MetricVerdict(GateVerdict.FAIL, 0.02, "< 0.5%",
        "error rate 2 % is above the 0.5 % limit"));
    metrics.put("latencyP99", new MetricVerdict(GateVerdict.PASS, 0.05, "< 200ms", null));
    GateState gate = new GateState("ramp", GateVerdict.FAIL, metrics, 1, 0, null, null, true, null, null, null, 2, 2,
        1, null, null);

    assertThat(GateMessages.reading(gate, rules)).isEqualTo("fail — error rate 2 % is above the 0.5 % limit, latency"
        + " p99 50 ms; 2 valid readings (3 required)");
  }
}
