package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code greenlight retry ID}: after the cause is fixed, runs the rollout's failed steps again. */
@Command(name = "retry", mixinStandardHelpOptions = true,
    description = "Run a rollout's failed steps again once their cause is fixed (resolves its incidents).")
public class RetryCommand extends ServerCommand {

  @Parameters(paramLabel = "ROLLOUT", description = "The rollout id.")
  String rolloutId;

  @Override
  void run(GreenlightClient client, PrintWriter out) {
    JsonNode answer = client.post("api/rollouts/" + rolloutId + "/retry", Map.of());
    out.println("Retrying " + rolloutId + ":");
    answer.path("retried").forEach(step -> out.println("  " + step.asText()));
    out.println("Follow it with: greenlight status " + rolloutId);
  }
}
