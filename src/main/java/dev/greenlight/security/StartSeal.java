package dev.greenlight.security;

import dev.greenlight.engine.EngineMode;
import dev.greenlight.engine.EngineProperties;
import dev.greenlight.secrets.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An HMAC over who started a rollout, how and with which runbook content, put in the rollout's variables by the start
 * API and verified by the {@code load-runbook} job. Anyone who can create process instances on the engine can write
 * variables such as {@code startedBy} or an inline {@code runbook}; only Greenlight can write a seal that verifies, so
 * the job trusts a starter, and runs an inline spec, only with one. The key is the secret named by
 * {@code greenlight.security.start-seal-secret} (the same for every instance on a cluster), else random per instance.
 */
@Component
public class StartSeal {

  public static final String SECRET_SETTING = "greenlight.security.start-seal-secret";
  private static final Logger log = LoggerFactory.getLogger(StartSeal.class);
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public StartSeal(GreenlightSecurityProperties security, Secrets secrets, EngineProperties engine) {
    byte[] keyBytes;
    if (security.startSealSecret() == null || security.startSealSecret().isBlank()) {
      keyBytes = new byte[32];
      new SecureRandom().nextBytes(keyBytes);
      if (engine.mode() == EngineMode.REMOTE) {
        log.warn("{} is not set: this instance seals the rollouts it starts with a key of its own, so another"
            + " Greenlight instance on the cluster refuses to load them. Give every instance the same secret",
            SECRET_SETTING);
      }
    } else {
      keyBytes = secrets.require(security.startSealSecret()).getBytes(StandardCharsets.UTF_8);
    }
    this.key = new SecretKeySpec(keyBytes, ALGORITHM);
  }

  /** The seal of a start, hex. */
  public String seal(StartClaim claim) {
    Mac mac;
    try {
      mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("This JVM cannot compute " + ALGORITHM, e);
    }
    for (String field : claim.fields()) {
      byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
      // length first, so that no two different claims run together into the same bytes
      mac.update((bytes.length + (field == null ? "-" : ":")).getBytes(StandardCharsets.UTF_8));
      mac.update(bytes);
    }
    return HexFormat.of().formatHex(mac.doFinal());
  }

  /** Whether the seal is this claim's; compared in constant time. */
  public boolean verifies(StartClaim claim, String seal) {
    return seal != null && MessageDigest.isEqual(seal(claim).getBytes(StandardCharsets.US_ASCII),
        seal.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * What a seal vouches for.
   *
   * @param rolloutId the rollout's id
   * @param runbookName the registered runbook, null for an inline spec
   * @param runbookSha256 the runbook's content ({@link dev.greenlight.spec.RunbookDigest})
   * @param startedBy who started it
   * @param via where from
   */
  public record StartClaim(String rolloutId, String runbookName, String runbookSha256, String startedBy, Channel via) {

    public StartClaim {
      Objects.requireNonNull(rolloutId, "rolloutId");
      Objects.requireNonNull(runbookSha256, "runbookSha256");
      Objects.requireNonNull(startedBy, "startedBy");
      Objects.requireNonNull(via, "via");
    }

    List<String> fields() {
      return Arrays.asList(rolloutId, runbookName, runbookSha256, startedBy, via.specName());
    }
  }
}
