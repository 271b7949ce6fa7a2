package dev.greenlight.cli;

import static dev.greenlight.cli.ListCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The gate, the stages and the decisions of {@code GET /api/rollouts/{id}} as lines a person reads, not as JSON. */
final class RolloutLines {

  private RolloutLines() {}

  /**
   * The latest reading: stage, verdict and when, then each metric that did not pass with its reason (in the runbook's
   * units, as the server words it), then the breach if there is one. E.g. {@code canary: fail at 2026-12-07T18:45:42Z,
   * 2 valid reading(s); error rate 20 % is above the 5 % limit; breached: …}.
   */
  static String gate(JsonNode gate) {
    if (gate == null || gate.isNull() || gate.isMissingNode()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    StringBuilder head = new StringBuilder(text(gate, "stage") + ": " + text(gate, "verdict"));
    if (gate.hasNonNull("measuredAt")) {
      head.append(" at ").append(text(gate, "measuredAt"));
    }
    if (gate.has("validReadings")) {
      head.append(", ").append(gate.get("validReadings").asInt()).append(" valid reading(s)");
    }
    parts.add(head.toString());
    for (Map.Entry<String, JsonNode> metric : gate.path("metrics").properties()) {
      if (metric.getValue().hasNonNull("reason")) {
        parts.add(text(metric.getValue(), "reason"));
      }
    }
    if (gate.path("breached").asBoolean()) {
      parts.add("breached: " + text(gate, "breachReason"));
    }
    return String.join("; ", parts);
  }

  /**
   * One watched stage of the rollout's record: how it ended, from when to when, its readings by verdict, what did not
   * pass at its last reading and its breach. E.g. {@code compare-mode: breached, 2026-12-07T10:00:00Z to
   * 2026-12-07T22:00:00Z, 2 readings (1 passed, 1 failed, 0 without a number); breached: compare discrepancies 3 is
   * above the 0 limit; 1 sample of disagreement: "escalera": legacy T3 (180€), new T2 (230€)}.
   */
  static String stage(JsonNode stage) {
    List<String> parts = new ArrayList<>();
    StringBuilder head = new StringBuilder(text(stage, "stage") + ": " + text(stage, "outcome"));
    if (stage.hasNonNull("startedAt")) {
      head.append(", ").append(text(stage, "startedAt")).append(" to ").append(text(stage, "endedAt"));
    } else if (stage.hasNonNull("endedAt")) {
      head.append(" at ").append(text(stage, "endedAt"));
    }
    head.append(", ").append(stage.path("readings").asInt()).append(" reading(s) (")
        .append(stage.path("passedReadings").asInt()).append(" passed, ")
        .append(stage.path("failedReadings").asInt()).append(" failed, ")
        .append(stage.path("inconclusiveReadings").asInt()).append(" without a number)");
    parts.add(head.toString());
    for (Map.Entry<String, JsonNode> metric : stage.path("metrics").properties()) {
      if (metric.getValue().hasNonNull("reason") && !stage.hasNonNull("breach")) {
        parts.add(text(metric.getValue(), "reason"));
      }
    }
    if (stage.hasNonNull("breach")) {
      parts.add("breached: " + text(stage.get("breach"), "reason"));
    }
    JsonNode samples = stage.path("samples");
    if (samples.isArray() && !samples.isEmpty()) {
      List<String> shown = new ArrayList<>();
      samples.forEach(sample -> shown.add(sample(sample)));
      parts.add(samples.size() + " sample(s) of disagreement: " + String.join(", ", shown));
    }
    return String.join("; ", parts);
  }

  /** A compare sample: {@code "escalera": legacy T3 (180€), new T2 (230€)}. */
  static String sample(JsonNode sample) {
    return "\"" + text(sample, "input") + "\": legacy " + text(sample, "legacy_result") + ", new "
        + text(sample, "new_result");
  }

  /** One decision: {@code go on 'Approve the switch' by dave (release-managers) at …: "metrics look fine"}. */
  static String decision(JsonNode decision) {
    StringBuilder line = new StringBuilder(String.valueOf(text(decision, "outcome")));
    if (decision.hasNonNull("task")) {
      line.append(" on '").append(text(decision, "task")).append("'");
    }
    line.append(" by ").append(text(decision, "decidedBy"));
    if (decision.hasNonNull("role")) {
      line.append(" (").append(text(decision, "role")).append(")");
    }
    if (decision.hasNonNull("via")) {
      line.append(" via ").append(text(decision, "via"));
    }
    if (decision.hasNonNull("decidedAt")) {
      line.append(" at ").append(text(decision, "decidedAt"));
    }
    if (decision.hasNonNull("comment") && !text(decision, "comment").isBlank()) {
      line.append(": \"").append(text(decision, "comment")).append('"');
    }
    return line.toString();
  }
}
