package dev.greenlight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.engine.EngineProperties;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.security.StartSeal.StartClaim;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** A seal verifies only its own claim, only with the key that made it; instances sharing the secret share the key. */
class StartSealTest {

  static final StartClaim CLAIM = new StartClaim("checkout-20261123-7f3a", "checkout-canary", "9f2c", "alice",
      Channel.CLI);

  @Test
  void aSealVerifiesItsOwnClaimAndNoOther() {
    StartSeal seal = seal(null);
    String sealed = seal.seal(CLAIM);

    assertThat(sealed).hasSize(64);
    assertThat(seal.verifies(CLAIM, sealed)).isTrue();
    assertThat(seal.verifies(new StartClaim(CLAIM.rolloutId(), CLAIM.runbookName(), CLAIM.runbookSha256(), "mallory",
        Channel.CLI), sealed)).isFalse();
    assertThat(seal.verifies(new StartClaim(CLAIM.rolloutId(), null, CLAIM.runbookSha256(), "alice", Channel.CLI),
        sealed)).as("an inline spec is not the registered runbook").isFalse();
    assertThat(seal.verifies(new StartClaim(CLAIM.rolloutId(), CLAIM.runbookName(), "9f2d", "alice", Channel.CLI),
        sealed)).isFalse();
    assertThat(seal.verifies(new StartClaim("checkout-20261123-7f3a" + "checkout-canary", "", "9f2c", "alice",
        Channel.CLI), sealed)).as("fields never run together").isFalse();
    assertThat(seal.verifies(CLAIM, null)).isFalse();
    assertThat(seal.verifies(CLAIM, "not hex at all")).isFalse();
  }

  @Test
  void instancesWithTheSameSecretVerifyEachOthersSealsAndRandomKeysDoNot() {
    assertThat(seal("SEAL_KEY").verifies(CLAIM, seal("SEAL_KEY").seal(CLAIM))).isTrue();
    assertThat(seal(null).verifies(CLAIM, seal(null).seal(CLAIM))).isFalse();
  }

  @Test
  void aNamedSecretThatIsNotConfiguredStopsTheStart() {
    assertThatThrownBy(() -> new StartSeal(properties("MISSING_SEAL_KEY"), new Secrets(new MockEnvironment()),
        new EngineProperties(null, null))).hasMessageContaining("Secret 'MISSING_SEAL_KEY' is not configured");
  }

  private static StartSeal seal(String secret) {
    return new StartSeal(properties(secret), new Secrets(new MockEnvironment()
        .withProperty("greenlight.secrets.SEAL_KEY", "a shared key of the cluster's instances")),
        new EngineProperties(null, null));
  }

  private static GreenlightSecurityProperties properties(String secret) {
    return new GreenlightSecurityProperties(null, null, null, null, null, secret, false);
  }
}
