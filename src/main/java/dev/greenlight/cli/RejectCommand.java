package dev.greenlight.cli;

import picocli.CommandLine.Command;

/** {@code greenlight reject TASK}: no-go. */
@Command(name = "reject", mixinStandardHelpOptions = true, description = "Answer a task with no-go.")
public class RejectCommand extends DecisionCommand {

  @Override
  String decision() {
    return "no-go";
  }
}
