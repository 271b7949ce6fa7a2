package dev.greenlight.api.info;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.support.GreenlightSpringTest;
import io.camunda.zeebe.engine.Engine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/info} on the embedded engine without a Camunda licence. */
@GreenlightSpringTest
class ServerInfoApiTest {

  @Autowired TestRestTemplate http;

  @Test
  void anyLoggedInUserSeesTheVersionsAndTheEnginesNonProductionLicence() {
    ResponseEntity<JsonNode> response = http.withBasicAuth("bob", "bob-pw").getForEntity("/api/info", JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode info = response.getBody();
    assertThat(info.path("greenlightVersion").asText()).as("the pom's version").matches("\\d+\\.\\d+\\.\\d+.*");
    JsonNode engine = info.path("engine");
    assertThat(engine.path("mode").asText()).isEqualTo("embedded");
    assertThat(engine.path("version").asText()).as("the version of the Zeebe engine in the jar")
        .isEqualTo(Engine.class.getPackage().getImplementationVersion()).startsWith("8.8.");
    assertThat(engine.path("licence").path("name").asText()).isEqualTo("Camunda License 1.0");
    assertThat(engine.path("licence").path("scope").asText()).isEqualTo("non-production");
    assertThat(engine.path("licence").path("notice").asText())
        .startsWith("Embedded Zeebe engine under the Camunda License 1.0: non-production use only");
  }

  @Test
  void strangersSeeNeitherTheInfoNorTheVersionOnTheOpenActuatorInfo() {
    assertThat(http.getForEntity("/api/info", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForObject("/actuator/info", JsonNode.class).has("build")).isFalse();
  }
}
