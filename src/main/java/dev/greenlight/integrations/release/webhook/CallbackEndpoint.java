package dev.greenlight.integrations.release.webhook;

import java.net.URI;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where pipelines call Greenlight back, and which secrets may sign a callback. The public URL is read when a trigger is
 * sent, not at start-up, because its default names the port the server actually got.
 *
 * <p>Configuration: {@code greenlight.public-url} (the base URL pipelines can reach Greenlight at; default
 * {@code http://127.0.0.1:<the port the server listens on>}, set in {@code application.yaml}) and {@code greenlight.release.webhook.signing-secrets} (the names of the
 * secrets runbooks may use as {@code release.webhook.signingSecret}; a callback is accepted when signed with one of them).
 * The list keeps the callback endpoint from trying any name a caller might pick: a secret name is also looked up as a
 * plain environment variable, whose value may not be secret at all.
 */
@Component
public class CallbackEndpoint {

  public static final String PUBLIC_URL = "greenlight.public-url";
  public static final String SIGNING_SECRETS = "greenlight.release.webhook.signing-secrets";
  public static final String PATH = "/api/callbacks/";

  private final Environment environment;

  public CallbackEndpoint(Environment environment) {
    this.environment = environment;
  }

  public URI url(String token) {
    String base = environment.getRequiredProperty(PUBLIC_URL);
    return URI.create(base.replaceAll("/+$", "") + PATH + token);
  }

  public List<String> signingSecretNames() {
    return List.of(environment.getProperty(SIGNING_SECRETS, String[].class, new String[0]));
  }

  /** Fails, naming the setting to change, when a runbook's signing secret could not be used to verify its callback. */
  public void requireAllowed(String signingSecret) {
    if (!signingSecretNames().contains(signingSecret)) {
      throw new IllegalArgumentException("The webhook signing secret '" + signingSecret + "' is not listed in "
          + SIGNING_SECRETS + ", so the pipeline's callback could not be verified: add it there. Nothing was triggered");
    }
  }
}
