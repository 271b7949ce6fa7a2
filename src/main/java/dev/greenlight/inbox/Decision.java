package dev.greenlight.inbox;

import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.security.Channel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person's go/no-go decision or sign-off on a user task: what the inbox writes into the process when it completes
 * the task.
 *
 * <p>The contract with the BPMN processes: completing a task sets the variable {@value RolloutVariables#DECISION} to
 * <pre>{@code
 * {"outcome": "go" | "no-go",
 *  "decidedBy": "bob",                      // the caller's user name
 *  "decidedAt": "2026-11-23T10:15:30Z",     // ISO-8601 instant
 *  "comment": "checked the pen-test report", // may be null
 *  "fields": {...},                          // the form data, {} when none
 *  "task": "Security sign-off",              // the user task's name
 *  "role": "security-lead",                  // the candidate group the decider acted as
 *  "via": "cli",                             // where the decision came from: api, cli
 *  "runbookSha256": "9f2c…"}                 // the rollout's runbook content, null when unknown
 * }</pre>
 * A decision made in Tasklist has only what its form sets ({@code outcome}, {@code comment}); the process output
 * mapping marks it {@code "via": "tasklist"}, and Camunda keeps its assignee.
 * A process appends it to {@value RolloutVariables#DECISIONS} with an output mapping on the task
 * ({@code =append(if decisions = null then [] else decisions, decision)}) and routes on {@code decision.outcome}.
 * In a multi-instance sign-off, declare {@code decision} as a local input ({@code =null}) so that each instance
 * keeps its own, and collect them with {@code outputElement="=decision"}.
 */
public record Decision(
    DecisionOutcome outcome,
    String decidedBy,
    Instant decidedAt,
    String comment,
    Map<String, Object> fields,
    String task,
    String role,
    Channel via,
    String runbookSha256) {

  public Decision {
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }

  /** The value of the {@value RolloutVariables#DECISION} variable, in plain JSON types. */
  public Map<String, Object> toVariable() {
    Map<String, Object> variable = new LinkedHashMap<>();
    variable.put("outcome", outcome.word());
    variable.put("decidedBy", decidedBy);
    variable.put("decidedAt", decidedAt.toString());
    variable.put("comment", comment);
    variable.put("fields", fields);
    variable.put("task", task);
    variable.put("role", role);
    variable.put("via", via.specName());
    variable.put("runbookSha256", runbookSha256);
    return variable;
  }
}
