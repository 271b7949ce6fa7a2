package dev.greenlight.api.info;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.support.GreenlightSpringTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded engine started by an operator who holds a Camunda licence: a plain "licensed" line at start-up and on
 * {@code GET /api/info}, and nothing else changes. A context of its own, so its start-up is logged while captured.
 */
@GreenlightSpringTest
@TestPropertySource(properties = "greenlight.engine.embedded.licensed=true")
@ExtendWith(OutputCaptureExtension.class)
class LicensedEmbeddedEngineTest {

  @Autowired TestRestTemplate http;

  @Test
  void startUpSaysLicensedInOneLine(CapturedOutput output) {
    assertThat(output.getAll().lines().filter(line -> line.contains("Engine licence:")))
        .singleElement().asString()
        .contains("INFO", "Engine licence: Embedded Zeebe engine: licensed (the operator holds a Camunda licence,"
            + " greenlight.engine.embedded.licensed=true).");
  }

  @Test
  void infoSaysLicensed() {
    JsonNode licence = http.withBasicAuth("alice", "alice-pw").getForObject("/api/info", JsonNode.class)
        .path("engine").path("licence");

    assertThat(licence.path("scope").asText()).isEqualTo("licensed");
    assertThat(licence.path("name").asText()).isEqualTo("Camunda License 1.0");
    assertThat(licence.path("notice").asText()).startsWith("Embedded Zeebe engine: licensed");
  }
}
