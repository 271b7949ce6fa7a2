package dev.greenlight.cli;

import static dev.greenlight.cli.ListCommand.joined;
import static dev.greenlight.cli.ListCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code greenlight incident open|list|show|ack|assess|resolve}: incidents of services by hand, over
 * {@code /api/incidents}.
 */
@Command(name = "incident", mixinStandardHelpOptions = true,
    description = "Open, follow and answer incidents of services (detect, acknowledge, assess, remediate, close).",
    subcommands = {IncidentCommand.Open.class, IncidentCommand.ListIncidents.class, IncidentCommand.Show.class,
        IncidentCommand.Acknowledge.class, IncidentCommand.Assess.class, IncidentCommand.Resolve.class})
public class IncidentCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Say what to do: greenlight incident open|list|show|ack|assess|"
        + "resolve");
  }

  @Command(name = "open", mixinStandardHelpOptions = true,
      description = "Open an incident: pages the first escalation level of the service's runbook.")
  static class Open extends ServerCommand {

    @Option(names = "--service", required = true, description = "The affected service.")
    String service;

    @Option(names = "--severity", required = true, description = "P1, P2, P3 or P4.")
    String severity;

    @Option(names = "--summary", required = true, description = "What is happening; the page's text.")
    String summary;

    @Option(names = "--runbook", description = "The registered runbook to follow, when the service has several.")
    String runbook;

    @Option(names = "--rollout", description = "The rollout it is about (default: the service's active rollout,"
        + " else its most recent).")
    String rolloutId;

    @Override
    void run(GreenlightClient client, PrintWriter out) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("service", service);
      body.put("severity", severity);
      body.put("summary", summary);
      body.put("runbook", runbook);
      body.put("rolloutId", rolloutId);
      JsonNode opened = client.post("api/incidents", body);
      out.println("Opened " + text(opened, "severity") + " incident " + text(opened, "incidentId") + " of "
          + text(opened, "service") + "; its first escalation level is being paged.");
      out.println("Follow it with: greenlight incident show " + text(opened, "incidentId"));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the incidents, one line each.")
  static class ListIncidents extends ServerCommand {

    @Override
    void run(GreenlightClient client, PrintWriter out) {
      Table table = new Table("INCIDENT", "SEVERITY", "SERVICE", "STATE", "ROLLOUT", "CURRENT", "OPENED");
      client.get("api/incidents").forEach(incident -> table.row(text(incident, "incidentId"),
          text(incident, "severity"), text(incident, "service"), text(incident, "state"),
          text(incident, "rolloutId"), joined(incident.path("current")), text(incident, "openedAt")));
      table.printOr("No incidents.", out);
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show an incident: its rollout, pages, decisions and what waits for people.")
  static class Show extends ServerCommand {

    @Parameters(paramLabel = "INCIDENT", description = "The incident id.")
    String incidentId;

    @Override
    void run(GreenlightClient client, PrintWriter out) {
      RolloutLines.incident(client.get("api/incidents/" + incidentId), out);
    }
  }

  @Command(name = "ack", mixinStandardHelpOptions = true,
      description = "Acknowledge an incident: every page is acknowledged and the escalation stops.")
  static class Acknowledge extends ServerCommand {

    @Parameters(paramLabel = "INCIDENT", description = "The incident id.")
    String incidentId;

    @Option(names = "--comment", description = "First observations, kept with the incident.")
    String comment;

    @Override
    void run(GreenlightClient client, PrintWriter out) {
      JsonNode decision = client.post("api/incidents/" + incidentId + "/acknowledge", commented(comment));
      out.println("Acknowledged " + incidentId + " as " + text(decision, "role") + ".");
    }
  }

  @Command(name = "assess", mixinStandardHelpOptions = true,
      description = "Choose the remediation of an acknowledged incident; it runs at once, then the service is verified.")
  static class Assess extends ServerCommand {

    @Parameters(paramLabel = "INCIDENT", description = "The incident id.")
    String incidentId;

    @Option(names = "--remediation", required = true, description = "rollback, restart, scale or none.")
    String remediation;

    @Option(names = "--replicas", description = "With scale: how many instances should run.")
    Integer replicas;

    @Option(names = "--comment", description = "The assessment, kept with the incident.")
    String comment;

    @Override
    void run(GreenlightClient client, PrintWriter out) {
      Map<String, Object> body = commented(comment);
      body.put("remediation", remediation);
      body.put("replicas", replicas);
      client.post("api/incidents/" + incidentId + "/assess", body);
      out.println("Assessed " + incidentId + ": " + remediation + (replicas == null ? "" : " to " + replicas
          + " replicas") + ". Follow it with: greenlight incident show " + incidentId);
    }
  }

  @Command(name = "resolve", mixinStandardHelpOptions = true,
      description = "Resolve an incident that needs no remediation: verify, tell, write the report, resolve the pages.")
  static class Resolve extends ServerCommand {

    @Parameters(paramLabel = "INCIDENT", description = "The incident id.")
    String incidentId;

    @Option(names = "--comment", description = "Why no remediation is needed, kept with the incident.")
    String comment;

    @Override
    void run(GreenlightClient client, PrintWriter out) {
      client.post("api/incidents/" + incidentId + "/resolve", commented(comment));
      out.println("Resolving " + incidentId + ": the service is verified, the pages resolved and the report written;"
          + " then the post-mortem is to be scheduled (greenlight tasks).");
    }
  }

  private static Map<String, Object> commented(String comment) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("comment", comment);
    return body;
  }
}
