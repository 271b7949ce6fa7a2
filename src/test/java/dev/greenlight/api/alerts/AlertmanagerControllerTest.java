package dev.greenlight.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.secrets.Secrets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.env.MockEnvironment;

/** Alert push that is not set up says how to set it up, and publishes nothing. */
class AlertmanagerControllerTest {

  static final String PAYLOAD = "{\"version\": \"4\", \"status\": \"firing\", \"alerts\": []}";

  final AlertRouter router = mock(AlertRouter.class);

  @Test
  void withoutATokenSecretTheEndpointSaysHowToConfigureIt() {
    ResponseEntity<?> answer = controller(new AlertsProperties(null, null, null, null), new MockEnvironment())
        .receive("Bearer anything", PAYLOAD);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(answer.getBody()).isEqualTo(Map.of("message", "Alert push is off: set greenlight.alerts.token-secret"
        + " to the name of a secret holding the token Alertmanager sends (http_config.authorization.credentials of"
        + " its webhook receiver), and configure that secret"));
    verifyNoInteractions(router);
  }

  @Test
  void aNamedSecretThatIsNotConfiguredIsReportedByName() {
    ResponseEntity<?> answer = controller(new AlertsProperties("AM_TOKEN", null, null, null), new MockEnvironment())
        .receive("Bearer anything", PAYLOAD);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(answer.getBody()).isEqualTo(Map.of("message", "Alert push is off: the secret 'AM_TOKEN' named by"
        + " greenlight.alerts.token-secret is not configured; set the environment variable AM_TOKEN or the property"
        + " greenlight.secrets.AM_TOKEN"));
    verifyNoInteractions(router);
  }

  @Test
  void aTokenOfAnotherLengthOrSchemeIsRefused() {
    AlertmanagerController controller = controller(new AlertsProperties("AM_TOKEN", null, null, null),
        new MockEnvironment().withProperty("greenlight.secrets.AM_TOKEN", "s3cret"));

    for (String authorization : new String[] {"Bearer s3cret-and-more", "Basic s3cret", "s3cret", "Bearer "}) {
      assertThat(controller.receive(authorization, PAYLOAD).getStatusCode()).as(authorization)
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    verifyNoInteractions(router);
  }

  private AlertmanagerController controller(AlertsProperties properties, MockEnvironment environment) {
    return new AlertmanagerController(properties, new Secrets(environment), router, new ObjectMapper());
  }
}
