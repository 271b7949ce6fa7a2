package dev.greenlight.cli;

import picocli.CommandLine.Command;

/** {@code greenlight approve TASK}: go. */
@Command(name = "approve", mixinStandardHelpOptions = true, description = "Answer a task with go.")
public class ApproveCommand extends DecisionCommand {

  @Override
  String decision() {
    return "go";
  }
}
