package dev.greenlight.security;

import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Health, info and metrics are open to probes and scrapers, callbacks authenticate by their own signature and
 * Alertmanager's webhook by its own token; everything else needs a caller: HTTP Basic with the configured users, or a
 * bearer token when an OpenID Connect provider is set.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
  private static final String ALERTMANAGER_WEBHOOK = "/api/alerts/alertmanager";

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, GreenlightSecurityProperties properties) throws Exception {
    http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
            .requestMatchers("/api/callbacks/**").permitAll()
            // Alertmanager authenticates with its own bearer token, checked by the endpoint
            .requestMatchers(HttpMethod.POST, ALERTMANAGER_WEBHOOK).permitAll()
            // lets an open endpoint's error (a 404 under /api/callbacks) through instead of turning it into a 401
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .csrf(csrf -> csrf.disable());
    GreenlightSecurityProperties.Jwt jwt = properties.jwt();
    if (jwt.enabled()) {
      http.oauth2ResourceServer(server -> server
          .bearerTokenResolver(tokensOutsideTheAlertWebhook())
          .jwt(tokens -> tokens
          .decoder(jwtDecoder(jwt))
          .jwtAuthenticationConverter(new JwtCallerConverter(jwt))));
    }
    return http.build();
  }

  @Bean
  UserDetailsService configuredUsers(GreenlightSecurityProperties properties) {
    if (properties.users().isEmpty() && !properties.jwt().enabled()) {
      log.warn("No greenlight.security.users and no greenlight.security.jwt configured: every API call is refused (401)");
    }
    return new InMemoryUserDetailsManager(properties.users().stream()
        .map(user -> User.withUsername(user.name())
            .password(user.password())
            .roles(user.roles().toArray(String[]::new))
            .build())
        .toList());
  }

  /** Only bcrypt: a configured password in any other form is refused at start-up, see {@link GreenlightSecurityProperties.User}. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder()));
  }

  /** Alertmanager's bearer token is not a JWT: the resource server must not try to decode it. */
  private static BearerTokenResolver tokensOutsideTheAlertWebhook() {
    DefaultBearerTokenResolver tokens = new DefaultBearerTokenResolver();
    return request -> ALERTMANAGER_WEBHOOK.equals(request.getRequestURI()) ? null : tokens.resolve(request);
  }

  /** Keys are fetched on first use, so the server starts while the identity provider is briefly unreachable. */
  static JwtDecoder jwtDecoder(GreenlightSecurityProperties.Jwt jwt) {
    if (jwt.jwkSetUri() == null) {
      return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(jwt.issuerUri().toString()));
    }
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri().toString()).build();
    if (jwt.issuerUri() != null) {
      decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(jwt.issuerUri().toString()));
    }
    return decoder;
  }
}
