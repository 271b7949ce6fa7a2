package dev.greenlight.cli;

import static dev.greenlight.cli.ListCommand.joined;
import static dev.greenlight.cli.ListCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code greenlight status ID}: one rollout in detail, with what waits for people. Without an id: the server, its
 * engine and what the engine is licensed for.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show a rollout in detail; without one, the server, its engine and the engine's licence.")
public class StatusCommand extends ServerCommand {

  @Parameters(paramLabel = "ROLLOUT", arity = "0..1", description = "The rollout id, e.g. checkout-20261123-7f3a.")
  String rolloutId;

  /** Incidents and retried steps, each with where it is, since when and what to do. */
  private static void printProblems(JsonNode rollout, PrintWriter out) {
    JsonNode incidents = rollout.path("incidents");
    if (!incidents.isEmpty()) {
      out.println();
      out.println("Incidents (the rollout waits for a person):");
      incidents.forEach(incident -> out.println("  " + text(incident, "path") + ", since " + text(incident, "since")
          + "\n    " + text(incident, "message")));
      out.println("Fix the cause, then: greenlight retry " + text(rollout, "rolloutId") + "   (or: greenlight abort "
          + text(rollout, "rolloutId") + " --reason TEXT)");
    }
    JsonNode retrying = rollout.path("retrying");
    if (!retrying.isEmpty()) {
      out.println();
      out.println("Retried by Greenlight:");
      retrying.forEach(step -> out.println("  " + text(step, "path") + ", failing since " + text(step, "since")
          + ", next attempt " + text(step, "nextAttemptAt") + "\n    " + text(step, "message")));
    }
  }

  @Override
  void run(GreenlightClient client, PrintWriter out) {
    if (rolloutId == null) {
      ServerInfoView.print(client.get("api/info"), serverOptions.server, out);
      return;
    }
    JsonNode rollout = client.get("api/rollouts/" + rolloutId);
    Table facts = new Table("Rollout", text(rollout, "rolloutId"))
        .row("Strategy", text(rollout, "strategy") + " (process " + text(rollout, "processId") + ", instance "
            + text(rollout, "processInstanceKey") + ")")
        .row("Runbook", text(rollout, "runbook"))
        .row("Service", text(rollout, "service"))
        .row("Version", text(rollout, "version"))
        .row("Ticket", text(rollout, "ticket"))
        .row("Started", text(rollout, "startedAt") + " by " + text(rollout, "startedBy"))
        .row("State", text(rollout, "state") + (rollout.hasNonNull("reason") ? ": " + text(rollout, "reason") : ""))
        .row("Ended", text(rollout, "endedAt"))
        .row("Current", joined(rollout.path("current")))
        .row("Stage", text(rollout, "stage"))
        .row("Gate", RolloutLines.gate(rollout.get("gate")));
    facts.print(out);
    if (rollout.path("stages").isArray() && !rollout.get("stages").isEmpty()) {
      out.println("Stages:");
      rollout.get("stages").forEach(stage -> out.println("  " + RolloutLines.stage(stage)));
    }
    printProblems(rollout, out);
    out.println();
    if (rollout.path("pendingDecisions").isEmpty()) {
      out.println("No decisions pending.");
    } else {
      out.println("Pending decisions:");
      Table pending = new Table("TASK", "NAME", "ROLE", "GROUPS", "WAITING SINCE");
      rollout.get("pendingDecisions").forEach(task -> pending.row(text(task, "key"), text(task, "name"),
          task.hasNonNull("role") ? text(task, "role") : "-", joined(task.path("candidateGroups")),
          text(task, "createdAt")));
      pending.print(out);
      rollout.get("pendingDecisions").forEach(task -> {
        if (task.hasNonNull("question")) {
          out.println(text(task, "key") + ": " + text(task, "question"));
          if (task.hasNonNull("summary")) {
            out.println("  " + text(task, "summary"));
          }
          task.path("samples").forEach(sample -> out.println("  sample " + RolloutLines.sample(sample)));
        }
      });
      out.println("Answer with: greenlight approve TASK | greenlight reject TASK [--comment TEXT]");
    }
    if (!rollout.path("serviceIncidents").isEmpty()) {
      out.println();
      out.println("Incidents of " + text(rollout, "service") + " linked to this rollout (greenlight incident show ID):");
      rollout.get("serviceIncidents").forEach(incident -> out.println("  " + RolloutLines.incidentLine(incident)));
    }
    if (rollout.path("decisions").isArray() && !rollout.get("decisions").isEmpty()) {
      out.println();
      out.println("Decisions:");
      rollout.get("decisions").forEach(decision -> out.println("  " + RolloutLines.decision(decision)));
    }
  }
}
