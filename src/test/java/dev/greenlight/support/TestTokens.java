package dev.greenlight.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** A locally generated RSA signing key that stands in for an identity provider's: signs tokens, publishes its JWK set. */
public final class TestTokens {

  private final RSAKey key;

  public TestTokens() {
    try {
      key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public half, as a JWK set document served at a provider's jwks_uri. */
  public String jwkSet() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  /** A signed token valid for five minutes with these claims. */
  public String token(Map<String, Object> claims) {
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
        .issueTime(new Date())
        .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    claims.forEach(builder::claim);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), builder.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
