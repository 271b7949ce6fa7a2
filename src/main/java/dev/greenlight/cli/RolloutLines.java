package dev.greenlight.cli;

import static dev.greenlight.cli.ListCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The gate and the decisions of {@code GET /api/rollouts/{id}} as lines a person reads, not as JSON. */
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
