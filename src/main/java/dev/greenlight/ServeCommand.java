package dev.greenlight;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code greenlight serve}: the REST API, the job workers and the engine connection, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = GreenlightVersion.class,
    description = "Run the Greenlight server (the default when no command is given). Spring properties pass through,"
        + " e.g. --server.port=9090.")
class ServeCommand implements Callable<Integer> {

  @Unmatched private List<String> springArguments = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    return GreenlightServer.runUntilStopped(springArguments);
  }
}
