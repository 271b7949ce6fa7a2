package dev.greenlight.cli;

import static dev.greenlight.cli.ListCommand.joined;
import static dev.greenlight.cli.ListCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code greenlight tasks}: the decisions and sign-offs waiting for the user. */
@Command(name = "tasks", mixinStandardHelpOptions = true, description = "List the tasks waiting for you.")
public class TasksCommand extends ServerCommand {

  @Override
  void run(GreenlightClient client, PrintWriter out) {
    JsonNode tasks = client.get("api/tasks");
    if (tasks.isEmpty()) {
      out.println("No open tasks.");
      return;
    }
    Table table = new Table("TASK", "NAME", "ROLLOUT", "GROUPS", "CREATED");
    tasks.forEach(task -> table.row(text(task, "key"), text(task, "name"), text(task, "rolloutId"),
        joined(task.path("candidateGroups")), text(task, "createdAt")));
    table.print(out);
  }
}
