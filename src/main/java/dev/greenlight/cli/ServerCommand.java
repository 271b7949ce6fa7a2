package dev.greenlight.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to a running server: failures are printed for people and exit with 1. */
abstract class ServerCommand implements Callable<Integer> {

  @Mixin ServerOptions serverOptions;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    try {
      run(serverOptions.client(), spec.commandLine().getOut());
      return 0;
    } catch (CliFailure e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
  }

  abstract void run(GreenlightClient client, PrintWriter out);
}
