package dev.greenlight.cli;

import static dev.greenlight.cli.ListCommand.joined;
import static dev.greenlight.cli.ListCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gate, the stages, the decisions and the incidents of {@code GET /api/rollouts/{id}} and
 * {@code GET /api/incidents/{id}} as lines a person reads, not as JSON.
 */
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
    StringBuilder line = new StringBuilder(decision.hasNonNull("outcome") ? text(decision, "outcome") : "answered");
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

  /**
   * One incident in a line, as a rollout lists its incidents: {@code P1 payments-incident-20261207-7f3a open: error
   * rate 40 % (waits for: Acknowledge the incident)}.
   */
  static String incidentLine(JsonNode incident) {
    List<String> waiting = new ArrayList<>();
    incident.path("openTasks").forEach(task -> waiting.add(text(task, "name")));
    return text(incident, "severity") + " " + text(incident, "incidentId") + " " + text(incident, "state") + ": "
        + text(incident, "summary") + (waiting.isEmpty() ? "" : " (waits for: " + String.join(", ", waiting) + ")");
  }

  /** An incident in detail: what, where, its rollout, each page, what waits for people, and the decisions so far. */
  static void incident(JsonNode incident, PrintWriter out) {
    new Table("Incident", text(incident, "incidentId"))
        .row("Severity", text(incident, "severity"))
        .row("Service", text(incident, "service"))
        .row("Summary", text(incident, "summary"))
        .row("State", text(incident, "state"))
        .row("Opened", text(incident, "openedAt") + (incident.hasNonNull("openedBy")
            ? " by " + text(incident, "openedBy") + " via " + text(incident, "openedVia") : " in Tasklist"))
        .row("Alert", text(incident, "alertFingerprint"))
        .row("Rollout", incident.hasNonNull("rolloutId") ? text(incident, "rolloutId")
            + " (greenlight status " + text(incident, "rolloutId") + ")" : "none linked")
        .row("Closed", text(incident, "closedAt"))
        .row("Current", joined(incident.path("current")))
        .row("Escalation", incident.hasNonNull("escalationLevel") ? "level " + text(incident, "escalationLevel")
            + ", " + text(incident, "responseTarget") + " per level to acknowledge" : null)
        .row("Remediation", text(incident, "remediation") == null ? null : text(incident, "remediation")
            + (incident.hasNonNull("remediationOutcome") ? ": " + text(incident, "remediationOutcome") : ""))
        .print(out);
    out.println();
    out.println("Pages (" + incident.path("pages").size() + "):");
    incident.path("pages").forEach(page -> out.println("  level " + text(page, "level") + " " + text(page, "group")
        + ": " + text(page, "dedupKey") + " (" + text(page, "status") + ")"));
    out.println();
    if (incident.path("openTasks").isEmpty()) {
      out.println("Nothing waits for people.");
    } else {
      out.println("Waiting for people:");
      incident.path("openTasks").forEach(task -> out.println("  " + text(task, "name") + " (task " + text(task, "key")
          + ", " + joined(task.path("candidateGroups")) + ", since " + text(task, "createdAt") + ")"));
      out.println("Answer with: greenlight incident ack|assess|resolve " + text(incident, "incidentId")
          + ", or greenlight approve TASK");
    }
    out.println();
    out.println("Decisions (" + incident.path("decisionCount").asInt() + "):");
    incident.path("decisions").forEach(decision -> out.println("  " + decision(decision)));
  }
}
