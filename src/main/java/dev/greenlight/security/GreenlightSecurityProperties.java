package dev.greenlight.security;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.security.*}: who may call the API, start, abort and retry rollouts, submit runbooks, decide tasks.
 *
 * @param users people who sign in with HTTP Basic; their roles are the candidate groups they may decide for
 * @param jwt an OpenID Connect provider whose bearer tokens are accepted as well; off unless a URI is set
 * @param fourEyes the person who started a rollout may not decide its tasks (default true)
 * @param rolloutRoles roles that may start rollouts, and abort or retry any rollout; default none
 * @param runbookAuthorRoles roles that may start a rollout of an inline spec (when {@code greenlight.runbooks.inline}
 *     is on); default none
 * @param startSealSecret name of the secret that seals who started a rollout, so that the {@code load-runbook} job can
 *     verify it; every Greenlight instance on one cluster needs the same. Unset: a random key per instance
 * @param allowClusterStarts whether a rollout started on the cluster outside Greenlight (Tasklist's start form, another
 *     client), which has no verified starter, may run a registered runbook that names no {@code approvals.starters};
 *     default false
 */
@ConfigurationProperties(prefix = "greenlight.security")
public record GreenlightSecurityProperties(List<User> users, Jwt jwt, Boolean fourEyes, List<String> rolloutRoles,
    List<String> runbookAuthorRoles, String startSealSecret, boolean allowClusterStarts) {

  public GreenlightSecurityProperties {
    users = users == null ? List.of() : List.copyOf(users);
    jwt = jwt == null ? new Jwt(null, null, null, null) : jwt;
    fourEyes = fourEyes == null || fourEyes;
    rolloutRoles = rolloutRoles == null ? List.of() : List.copyOf(rolloutRoles);
    runbookAuthorRoles = runbookAuthorRoles == null ? List.of() : List.copyOf(runbookAuthorRoles);
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
