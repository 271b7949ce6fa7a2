package dev.greenlight.api.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.secrets.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/alerts/alertmanager}: Alertmanager's webhook receiver. Open to the network like the callbacks, and
 * authenticated by the bearer token Alertmanager is configured with, compared in constant time before the body is even
 * read; nothing is published for a caller without it. Answers what was published and what matched no rollout.
 */
@RestController
@RequestMapping("/api/alerts")
public class AlertmanagerController {

  private static final String BEARER = "Bearer ";

  private final AlertsProperties properties;
  private final Secrets secrets;
  private final AlertRouter router;
  private final ObjectMapper json;

  public AlertmanagerController(AlertsProperties properties, Secrets secrets, AlertRouter router, ObjectMapper json) {
    this.properties = properties;
    this.secrets = secrets;
    this.router = router;
    this.json = json;
  }

  @PostMapping("/alertmanager")
  public ResponseEntity<?> receive(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody(required = false) String body) {
    if (!properties.configured()) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("message", "Alert push is off: set"
          + " greenlight.alerts.token-secret to the name of a secret holding the token Alertmanager sends"
          + " (http_config.authorization.credentials of its webhook receiver), and configure that secret"));
    }
    String token = secrets.find(properties.tokenSecret()).orElse(null);
    if (token == null) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("message", "Alert push is off: the"
          + " secret '" + properties.tokenSecret() + "' named by greenlight.alerts.token-secret is not configured;"
          + " set the environment variable " + properties.tokenSecret() + " or the property greenlight.secrets."
          + properties.tokenSecret()));
    }
    if (!carries(authorization, token)) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
          .body(Map.of("message", "Missing or wrong bearer token: Alertmanager must send the token of secret "
              + properties.tokenSecret() + " (http_config.authorization)"));
    }
    AlertmanagerWebhook webhook;
    try {
      webhook = json.readValue(body == null ? "" : body, AlertmanagerWebhook.class);
    } catch (JsonProcessingException e) {
      return ResponseEntity.badRequest().body(Map.of("message", "The body is not Alertmanager's webhook JSON"
          + " ({\"version\": \"4\", \"status\", \"alerts\": [...]}): " + e.getOriginalMessage()));
    }
    return ResponseEntity.ok(router.push(webhook));
  }

  /** Compares digests, so the time taken tells nothing about the token, not even its length. */
  private static boolean carries(String authorization, String token) {
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    return MessageDigest.isEqual(sha256(authorization.substring(BEARER.length()).strip()), sha256(token));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
