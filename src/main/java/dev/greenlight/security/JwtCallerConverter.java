package dev.greenlight.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a verified token into a caller: the name from the configured name claim (or {@code sub}), the roles from the
 * configured roles claim, which providers send either as a list or as one space- or comma-separated string.
 */
class JwtCallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

  private final GreenlightSecurityProperties.Jwt settings;

  JwtCallerConverter(GreenlightSecurityProperties.Jwt settings) {
    this.settings = settings;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    String name = jwt.hasClaim(settings.nameClaim()) ? jwt.getClaimAsString(settings.nameClaim()) : jwt.getSubject();
    List<SimpleGrantedAuthority> authorities = roles(jwt.getClaims().get(settings.rolesClaim())).stream()
        .map(role -> new SimpleGrantedAuthority(Caller.ROLE_PREFIX + role))
        .toList();
    return new JwtAuthenticationToken(jwt, authorities, name);
  }

  private static Set<String> roles(Object claim) {
    Set<String> roles = new TreeSet<>();
    if (claim instanceof Collection<?> values) {
      values.forEach(value -> roles.add(String.valueOf(value)));
    } else if (claim instanceof String value) {
      for (String role : value.split("[\\s,]+")) {
        if (!role.isEmpty()) {
          roles.add(role);
        }
      }
    }
    return roles;
  }
}
