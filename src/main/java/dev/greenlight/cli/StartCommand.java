package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greenlight start}: starts a rollout of a registered runbook or of a spec file. */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start a rollout of a registered runbook (or of a spec file with --file).")
public class StartCommand extends ServerCommand {

  @ArgGroup(multiplicity = "1")
  Runbook runbook;

  @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version to roll out.")
  String version;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--ticket", paramLabel = "TICKET", description = "The change ticket, e.g. CHG-1234.")
  String ticket;

  static class Runbook {
    @Parameters(paramLabel = "RUNBOOK", description = "Name of a registered runbook.")
    String name;

    @Option(names = "--file", paramLabel = "FILE", description = "A runbook spec file to roll out as is.")
    Path file;
  }

  @Override
  void run(GreenlightClient client, PrintWriter out) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (runbook.file != null) {
      body.put("spec", read(runbook.file));
    } else {
      body.put("runbook", runbook.name);
    }
    body.put("version", version);
    if (ticket != null) {
      body.put("ticket", ticket);
    }
    JsonNode started = client.post("api/rollouts", body);
    out.printf("Started rollout %s (process %s, instance %s)%n", started.path("rolloutId").asText(),
        started.path("processId").asText(), started.path("processInstanceKey").asText());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new CliFailure("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
