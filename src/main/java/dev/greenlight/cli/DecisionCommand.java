package dev.greenlight.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Answers a task with a go or no-go decision. */
abstract class DecisionCommand extends ServerCommand {

  @Parameters(paramLabel = "TASK", description = "The task key (greenlight tasks lists them).")
  long taskKey;

  @Option(names = "--comment", paramLabel = "TEXT", description = "Recorded with the decision.")
  String comment;

  abstract String decision();

  @Override
  void run(GreenlightClient client, PrintWriter out) {
    client.post("api/tasks/" + taskKey + "/decision",
        Map.of("decision", decision(), "comment", comment == null ? "" : comment, "fields", Map.of()));
    out.printf("Task %d answered %s%n", taskKey, decision());
  }
}
