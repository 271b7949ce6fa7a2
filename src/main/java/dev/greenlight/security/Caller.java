package dev.greenlight.security;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The person behind a request: the name recorded on their decisions and the roles (candidate groups) they hold.
 *
 * @param name user name from the Basic credentials or the token's name claim
 * @param roles candidate groups
 */
public record Caller(String name, Set<String> roles) {

  static final String ROLE_PREFIX = "ROLE_";

  public Caller {
    roles = Set.copyOf(roles);
  }

  public static Caller of(Authentication authentication) {
    Set<String> roles = new TreeSet<>();
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      String name = authority.getAuthority();
      if (name != null && name.startsWith(ROLE_PREFIX)) {
        roles.add(name.substring(ROLE_PREFIX.length()));
      }
    }
    return new Caller(authentication.getName(), roles);
  }

  /** The roles in sorted order, for messages. */
  public String describeRoles() {
    return new TreeSet<>(roles).toString();
  }
}
