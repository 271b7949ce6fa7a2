package dev.greenlight.cli;

import static dev.greenlight.cli.ListCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;

/** {@code greenlight status} without a rollout: the server's {@code GET /api/info}, for people. */
final class ServerInfoView {

  private ServerInfoView() {}

  static void print(JsonNode info, URI server, PrintWriter out) {
    JsonNode engine = info.path("engine");
    String version = text(engine, "version");
    new Table("Server", server.toString())
        .row("Greenlight", info.hasNonNull("greenlightVersion") ? text(info, "greenlightVersion") : "(development build)")
        .row("Engine", text(engine, "mode") + ", version "
            + (version == null ? "unknown (the engine did not answer, see /actuator/health)" : version))
        .row("Licence", text(engine.path("licence"), "notice"))
        .print(out);
    out.println();
    out.println("Rollouts: greenlight list; one in detail: greenlight status ROLLOUT");
  }
}
