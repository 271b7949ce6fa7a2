package dev.greenlight.security;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.security.*}: who may call the API and decide tasks.
 *
 * @param users people who sign in with HTTP Basic; their roles are the candidate groups they may decide for
 * @param jwt an OpenID Connect provider whose bearer tokens are accepted as well; off unless a URI is set
 * @param fourEyes the person who started a rollout may not decide its tasks (default true)
 */
@ConfigurationProperties(prefix = "greenlight.security")
public record GreenlightSecurityProperties(List<User> users, Jwt jwt, Boolean fourEyes) {

  public GreenlightSecurityProperties {
    users = users == null ? List.of() : List.copyOf(users);
    jwt = jwt == null ? new Jwt(null, null, null, null) : jwt;
    fourEyes = fourEyes == null || fourEyes;
  }

  /**
   * One person. Only bcrypt hashes are accepted, so a leaked configuration file does not leak passwords.
   *
   * @param name the user name, also recorded as {@code decidedBy}
   * @param password {@code {bcrypt}} followed by a bcrypt hash
   * @param roles the candidate groups this person acts for, e.g. security-lead
   */
  public record User(String name, String password, List<String> roles) {

    private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    public User {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("greenlight.security.users: every user needs a name");
      }
      if (password == null || !BCRYPT.matcher(password).matches()) {
        throw new IllegalArgumentException("greenlight.security.users: the password of user '" + name
            + "' is not a {bcrypt}-prefixed bcrypt hash. Plain-text passwords are refused; store e.g. the output of"
            + " `htpasswd -bnBC 12 \"\" 'the-password' | tr -d ':\\n'` prefixed with {bcrypt}");
      }
      roles = roles == null ? List.of() : List.copyOf(roles);
    }
  }

  /**
   * Bearer tokens from an OpenID Connect provider.
   *
   * @param issuerUri the provider's issuer; its discovery document names the signing keys, and tokens must carry it
   * @param jwkSetUri the provider's signing keys, when there is no discovery document
   * @param rolesClaim the claim that lists the caller's roles (candidate groups); default {@code groups}
   * @param nameClaim the claim that names the caller; default {@code preferred_username}, falling back to {@code sub}
   */
  public record Jwt(URI issuerUri, URI jwkSetUri, String rolesClaim, String nameClaim) {

    public Jwt {
      rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "groups" : rolesClaim;
      nameClaim = nameClaim == null || nameClaim.isBlank() ? "preferred_username" : nameClaim;
    }

    public boolean enabled() {
      return issuerUri != null || jwkSetUri != null;
    }
  }
}
