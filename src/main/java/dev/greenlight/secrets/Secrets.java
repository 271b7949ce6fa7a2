package dev.greenlight.secrets;

import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Resolves a secret by name at the moment it is needed. Specs and process variables only ever hold the name; the value
 * comes from configuration ({@code greenlight.secrets.NAME}) or from the environment variable {@code NAME}.
 * Secret values must never be logged, put in process variables or returned by the API.
 */
@Component
public class Secrets {

  private final Environment environment;

  public Secrets(Environment environment) {
    this.environment = environment;
  }

  /** The secret's value; fails with a message naming the secret (never its value) when it is not configured. */
  public String require(String name) {
    return find(name).orElseThrow(() -> new MissingSecretException(name));
  }

  /**
   * For optional credentials: empty when no secret is named, else the secret's value. A named secret that is not
   * configured fails like {@link #require}, so a misconfigured token is never replaced by an anonymous call.
   */
  public Optional<String> requireIfNamed(String name) {
    return name == null || name.isBlank() ? Optional.empty() : Optional.of(require(name));
  }

  /** The secret's value, or empty for a null name or an unconfigured secret. */
  public Optional<String> find(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    String configured = environment.getProperty("greenlight.secrets." + name);
    if (configured != null) {
      return Optional.of(configured);
    }
    return Optional.ofNullable(environment.getProperty(name));
  }

  /** A secret the spec refers to is not configured. */
  public static class MissingSecretException extends IllegalStateException {
    MissingSecretException(String name) {
      super("Secret '" + name + "' is not configured: set the environment variable " + name
          + " or the property greenlight.secrets." + name);
    }
  }
}
