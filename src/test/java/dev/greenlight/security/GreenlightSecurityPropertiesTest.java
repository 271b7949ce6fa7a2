package dev.greenlight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import dev.greenlight.support.TestTokens;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Configured users and identity-provider settings: what start-up refuses and how tokens become callers. */
class GreenlightSecurityPropertiesTest {

  static final String BOB_HASH = "{bcrypt}$2a$04$teFH4/8OVfOwRQ/uPZJbSeLaV/sOTL5jBvzcC9c9i4onQLTdQ.lTm";

  final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(Bound.class);

  @EnableConfigurationProperties(GreenlightSecurityProperties.class)
  static class Bound {}

  @Test
  void aPlainTextPasswordStopsStartUpWithoutRepeatingIt() {
    context.withPropertyValues("greenlight.security.users[0].name=bob",
        "greenlight.security.users[0].password=hunter2", "greenlight.security.users[0].roles=security-lead")
        .run(started -> {
          assertThat(started).hasFailed();
          assertThat(rootMessage(started.getStartupFailure()))
              .startsWith("greenlight.security.users: the password of user 'bob' is not a {bcrypt}-prefixed bcrypt hash")
              .contains("Plain-text passwords are refused")
              .doesNotContain("hunter2");
        });
  }

  @Test
  void anUnprefixedHashIsRefusedToo() {
    context.withPropertyValues("greenlight.security.users[0].name=bob",
        "greenlight.security.users[0].password=" + BOB_HASH.substring("{bcrypt}".length()))
        .run(started -> assertThat(rootMessage(started.getStartupFailure())).contains("'bob' is not a {bcrypt}-prefixed"));
  }

  @Test
  void bindsUsersAndDefaults() {
    context.withPropertyValues("greenlight.security.users[0].name=bob", "greenlight.security.users[0].password=" + BOB_HASH,
        "greenlight.security.users[0].roles=security-lead,release-managers")
        .run(started -> {
          GreenlightSecurityProperties properties = started.getBean(GreenlightSecurityProperties.class);
          assertThat(properties.users()).containsExactly(new GreenlightSecurityProperties.User(
              "bob", BOB_HASH, List.of("security-lead", "release-managers")));
          assertThat(properties.fourEyes()).isTrue();
          assertThat(properties.jwt().enabled()).isFalse();
          assertThat(properties.jwt().rolesClaim()).isEqualTo("groups");
        });
  }

  @Test
  void rolesComeFromTheConfiguredClaimAsListOrString() {
    JwtCallerConverter realmRoles = new JwtCallerConverter(new GreenlightSecurityProperties.Jwt(
        null, URI.create("http://127.0.0.1/jwks"), "realm_roles", null));

    Caller fromList = Caller.of(realmRoles.convert(jwt(Map.of("sub", "1", "preferred_username", "frank",
        "realm_roles", List.of("security-lead", "operators"), "groups", List.of("ignored")))));
    Caller fromString = Caller.of(realmRoles.convert(jwt(Map.of("sub", "2", "realm_roles", "release-managers, operators"))));

    assertThat(fromList).isEqualTo(new Caller("frank", Set.of("security-lead", "operators")));
    assertThat(fromString).isEqualTo(new Caller("2", Set.of("release-managers", "operators")));
  }

  @Test
  void anIssuerUriFindsTheKeysThroughDiscoveryAndChecksTheIssuer() {
    TestTokens tokens = new TestTokens();
    try (LocalHttpServer provider = LocalHttpServer.start(request -> switch (request.path()) {
      case "/realm/.well-known/openid-configuration" -> Response.json(200, """
          {"issuer": "http://%1$s/realm", "jwks_uri": "http://%1$s/realm/certs", "subject_types_supported": ["public"]}
          """.formatted(request.header("Host")));
      case "/realm/certs" -> Response.json(200, tokens.jwkSet());
      default -> Response.json(404, "{}");
    })) {
      String issuer = provider.uri("/realm").toString();
      JwtDecoder decoder = SecurityConfiguration.jwtDecoder(new GreenlightSecurityProperties.Jwt(URI.create(issuer), null, null, null));

      Jwt decoded = decoder.decode(tokens.token(Map.of("iss", issuer, "sub", "frank")));

      assertThat(decoded.getSubject()).isEqualTo("frank");
      assertThat(provider.requests()).extracting(LocalHttpServer.RecordedRequest::path)
          .contains("/realm/.well-known/openid-configuration", "/realm/certs");
      assertThatThrownBy(
          () -> decoder.decode(tokens.token(Map.of("iss", "https://elsewhere.example", "sub", "frank"))))
          .hasMessageContaining("iss");
    }
  }

  private static Jwt jwt(Map<String, Object> claims) {
    return Jwt.withTokenValue("t").header("alg", "RS256").claims(c -> c.putAll(claims)).build();
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}
