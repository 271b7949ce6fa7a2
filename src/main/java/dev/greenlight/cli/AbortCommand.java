package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greenlight abort ID --reason R}: asks the rollout's process to abort. */
@Command(name = "abort", mixinStandardHelpOptions = true,
    description = "Abort a rollout; its process rolls back what it changed.")
public class AbortCommand extends ServerCommand {

  @Parameters(paramLabel = "ROLLOUT", description = "The rollout id.")
  String rolloutId;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; recorded with the rollout.")
  String reason;

  @Override
  void run(GreenlightClient client, PrintWriter out) {
    JsonNode answer = client.post("api/rollouts/" + rolloutId + "/abort", Map.of("reason", reason));
    out.println(answer.path("message").asText("Abort requested for " + rolloutId));
  }
}
