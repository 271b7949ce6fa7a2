package dev.greenlight;

import dev.greenlight.cli.AbortCommand;
import dev.greenlight.cli.ApproveCommand;
import dev.greenlight.cli.IncidentCommand;
import dev.greenlight.cli.LintCommand;
import dev.greenlight.cli.ListCommand;
import dev.greenlight.cli.RehearseCommand;
import dev.greenlight.cli.RejectCommand;
import dev.greenlight.cli.RetryCommand;
import dev.greenlight.cli.StartCommand;
import dev.greenlight.cli.StatusCommand;
import dev.greenlight.cli.TasksCommand;
import dev.greenlight.demo.DemoCommand;
import dev.greenlight.demo.DemoServiceCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Unmatched;

/**
 * The top-level command. Without a sub-command it runs the server, like {@code greenlight serve};
 * Spring arguments such as {@code --server.port=9000} pass through to it. {@code help}, {@code --help} and
 * {@code COMMAND --help} print help and exit.
 */
@Command(
    name = "greenlight",
    mixinStandardHelpOptions = true,
    versionProvider = GreenlightVersion.class,
    description = "Deployment runbooks that run themselves, on Camunda 8.",
    subcommands = {ServeCommand.class, StartCommand.class, ListCommand.class, StatusCommand.class, AbortCommand.class,
        RetryCommand.class, TasksCommand.class, ApproveCommand.class, RejectCommand.class, LintCommand.class,
        IncidentCommand.class, RehearseCommand.class, DemoCommand.class, DemoServiceCommand.class, HelpCommand.class})
public class GreenlightCommand implements Callable<Integer> {

  @Unmatched private List<String> springArguments = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    return GreenlightServer.runUntilStopped(springArguments);
  }
}
