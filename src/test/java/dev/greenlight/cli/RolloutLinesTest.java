package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** greenlight status prints the gate, the stages and the decisions as lines, never as JSON. */
class RolloutLinesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aBreachedGateNamesTheStageTheFailingMetricInItsWordsAndTheBreach() throws Exception {
    JsonNode gate = JSON.readTree("""
        {"stage": "canary", "verdict": "fail", "measuredAt": "2026-12-07T18:45:42Z", "validReadings": 2,
         "metrics": {"errorRate": {"verdict": "fail", "value": 0.2, "limit": "< 5%",
                                   "reason": "error rate 20 % is above the 5 % limit"},
                     "latencyP99": {"verdict": "pass", "value": 0.05, "limit": "< 300ms", "reason": null}},
         "breached": true, "breachReason": "1 failed measurement in a row (failure limit 1)"}
        """);

    assertThat(RolloutLines.gate(gate)).isEqualTo("canary: fail at 2026-12-07T18:45:42Z, 2 valid reading(s); "
        + "error rate 20 % is above the 5 % limit; breached: 1 failed measurement in a row (failure limit 1)");
  }

  @Test
  void aPassingGateIsOneShortLineAndNoGateIsNothing() throws Exception {
    JsonNode gate = JSON.readTree("""
        {"stage": "ramp", "verdict": "pass", "measuredAt": "2026-12-07T19:00:00Z", "validReadings": 5,
         "metrics": {"errorRate": {"verdict": "pass", "value": 0.001, "limit": "< 1%", "reason": null}},
         "breached": false}
        """);

    assertThat(RolloutLines.gate(gate)).isEqualTo("ramp: pass at 2026-12-07T19:00:00Z, 5 valid reading(s)");
    assertThat(RolloutLines.gate(null)).isNull();
    assertThat(RolloutLines.gate(JSON.nullNode())).isNull();
  }

  @Test
  void aStageRecordSaysHowItEndedItsReadingsItsBreachAndTheSamples() throws Exception {
    JsonNode stage = JSON.readTree("""
        {"stage": "compare-mode", "startedAt": "2026-12-07T10:00:00Z", "endedAt": "2026-12-07T22:00:00Z",
         "outcome": "breached", "readings": 2, "passedReadings": 1, "failedReadings": 1, "inconclusiveReadings": 0,
         "metrics": {"compareDiscrepancies": {"verdict": "fail", "value": 3, "limit": "<= 0",
                                              "reason": "compare discrepancies 3 is above the 0 limit"}},
         "breach": {"reason": "compare discrepancies 3 is above the 0 limit", "trigger": null, "action": null},
         "samples": [{"input": "escalera", "legacy_result": "T3 (180€)", "new_result": "T2 (230€)", "match": false}]}
        """);
    JsonNode passed = JSON.readTree("""
        {"stage": "dark-launch", "endedAt": "2026-12-07T09:00:00Z", "outcome": "passed", "readings": 3,
         "passedReadings": 3, "failedReadings": 0, "inconclusiveReadings": 0, "metrics": {}, "breach": null,
         "samples": []}
        """);

    assertThat(RolloutLines.stage(stage)).isEqualTo("compare-mode: breached, 2026-12-07T10:00:00Z to"
        + " 2026-12-07T22:00:00Z, 2 reading(s) (1 passed, 1 failed, 0 without a number); breached: compare"
        + " discrepancies 3 is above the 0 limit; 1 sample(s) of disagreement: \"escalera\": legacy T3 (180€), new"
        + " T2 (230€)");
    assertThat(RolloutLines.stage(passed)).isEqualTo("dark-launch: passed at 2026-12-07T09:00:00Z, 3 reading(s)"
        + " (3 passed, 0 failed, 0 without a number)");
  }

  @Test
  void aDecisionSaysWhatWhoAsWhatFromWhereWhenAndWhy() throws Exception {
    JsonNode decision = JSON.readTree("""
        {"outcome": "go", "task": "Approve the switch", "decidedBy": "dave", "role": "release-managers",
         "via": "cli", "decidedAt": "2026-12-07T19:01:00Z", "comment": "metrics look fine", "fields": {}}
        """);
    JsonNode bare = JSON.readTree("""
        {"outcome": "no-go", "decidedBy": "erin", "comment": ""}
        """);

    assertThat(RolloutLines.decision(decision)).isEqualTo("go on 'Approve the switch' by dave (release-managers) "
        + "via cli at 2026-12-07T19:01:00Z: \"metrics look fine\"");
    assertThat(RolloutLines.decision(bare)).isEqualTo("no-go by erin");
  }
}
