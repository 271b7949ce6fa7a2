package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code greenlight list}: every rollout, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the rollouts.")
public class ListCommand extends ServerCommand {

  @Override
  void run(GreenlightClient client, PrintWriter out) {
    Table table = new Table("ROLLOUT", "STRATEGY", "SERVICE", "VERSION", "STATE", "CURRENT", "STARTED BY");
    client.get("api/rollouts").forEach(rollout -> table.row(text(rollout, "rolloutId"), text(rollout, "strategy"),
        text(rollout, "service"), text(rollout, "version"), text(rollout, "state"), joined(rollout.path("current")),
        text(rollout, "startedBy")));
    table.printOr("No rollouts.", out);
  }

  static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  static String joined(JsonNode texts) {
    if (texts.isEmpty()) {
      return null;
    }
    StringBuilder joined = new StringBuilder();
    texts.forEach(text -> joined.append(joined.isEmpty() ? "" : ", ").append(text.asText()));
    return joined.toString();
  }
}
