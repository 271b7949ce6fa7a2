package dev.greenlight.api.info;

import dev.greenlight.engine.EngineProperties;
import dev.greenlight.licence.EngineLicence;
import dev.greenlight.spec.SpecNames;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/info}, for any logged-in user: Greenlight's version, the engine's mode, version and licence. */
@RestController
public class ServerInfoController {

  private static final Logger log = LoggerFactory.getLogger(ServerInfoController.class);
  private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(3);

  private final CamundaClient client;
  private final EngineProperties engine;
  private final String greenlightVersion;

  public ServerInfoController(CamundaClient client, EngineProperties engine, ObjectProvider<BuildProperties> build) {
    this.client = client;
    this.engine = engine;
    BuildProperties properties = build.getIfAvailable();
    this.greenlightVersion = properties == null ? null : properties.getVersion();
  }

  @GetMapping("/api/info")
  public ServerInfo info() {
    return new ServerInfo(greenlightVersion,
        new ServerInfo.Engine(SpecNames.of(engine.mode()), engineVersion(), EngineLicence.of(engine)));
  }

  /** Asked of the engine itself, so in remote mode it is the cluster's version, not the client's. */
  private String engineVersion() {
    try {
      return client.newTopologyRequest().useGrpc().requestTimeout(ENGINE_TIMEOUT).send().join().getGatewayVersion();
    } catch (ClientException e) {
      log.warn("The engine did not tell its version for GET /api/info", e);
      return null;
    }
  }
}
