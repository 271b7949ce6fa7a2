package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.support.Cli;
import dev.greenlight.support.Cli.Run;
import dev.greenlight.support.GreenlightSpringTest;
import io.camunda.zeebe.engine.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code greenlight status} without a rollout id: the server, its engine and the engine's licence. */
@GreenlightSpringTest
class ServerStatusCommandTest {

  @LocalServerPort int port;

  @Test
  void printsTheServerTheEngineAndItsLicence() {
    String server = "http://127.0.0.1:" + port;
    Run status = Cli.run("status", "--server", server, "--user", "carol", "--password", "carol-pw");

    assertThat(status.exitCode()).as(status.err()).isZero();
    List<String> lines = status.out().lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).isEqualTo("Server      " + server);
    assertThat(lines.get(1)).matches("Greenlight  \\d+\\.\\d+\\.\\d+.*");
    assertThat(lines.subList(2, 6)).containsExactly(
        "Engine      embedded, version " + Engine.class.getPackage().getImplementationVersion(),
        "Licence     Embedded Zeebe engine under the Camunda License 1.0: non-production use only (development,"
            + " testing, staging, demonstration, evaluation). For production, run in remote mode against a licensed"
            + " Camunda 8 cluster, or obtain a Camunda licence for the embedded engine and set"
            + " greenlight.engine.embedded.licensed=true.",
        "",
        "Rollouts: greenlight list; one in detail: greenlight status ROLLOUT");
  }

  @Test
  void withoutCredentialsItSaysWhatToPass() {
    Run status = Cli.run("status", "--server", "http://127.0.0.1:" + port);

    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.err()).startsWith("The server did not accept the credentials (401 Unauthorized)");
  }
}
