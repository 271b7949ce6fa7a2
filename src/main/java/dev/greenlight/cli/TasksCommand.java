package dev.greenlight.cli;

import static dev.greenlight.cli.ListCommand.joined;
import static dev.greenlight.cli.ListCommand.text;

import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code greenlight tasks}: the decisions and sign-offs waiting for the user. */
@Command(name = "tasks", mixinStandardHelpOptions = true, description = "List the tasks waiting for you.")
public class TasksCommand extends ServerCommand {

  @Override
  void run(GreenlightClient client, PrintWriter out) {
    Table table = new Table("TASK", "NAME", "ROLLOUT", "GROUPS", "CREATED");
    client.get("api/tasks").forEach(task -> table.row(text(task, "key"), text(task, "name"), text(task, "rolloutId"),
        joined(task.path("candidateGroups")), text(task, "createdAt")));
    table.printOr("No open tasks.", out);
  }
}
