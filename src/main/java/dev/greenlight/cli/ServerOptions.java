package dev.greenlight.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where the server is and who is asking; the environment supplies what the options leave out. */
class ServerOptions {

  @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:GREENLIGHT_SERVER:-http://127.0.0.1:8080}",
      description = "Greenlight server (env GREENLIGHT_SERVER, default ${DEFAULT-VALUE}).")
  URI server;

  @Option(names = "--user", paramLabel = "NAME", defaultValue = "${env:GREENLIGHT_USER}",
      description = "User name for HTTP Basic (env GREENLIGHT_USER).")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:GREENLIGHT_PASSWORD}",
      description = "Password (env GREENLIGHT_PASSWORD; prefer the environment over the command line).")
  String password;

  GreenlightClient client() {
    String base = server.toString().endsWith("/") ? server.toString() : server + "/";
    return new GreenlightClient(URI.create(base), user, password);
  }
}
