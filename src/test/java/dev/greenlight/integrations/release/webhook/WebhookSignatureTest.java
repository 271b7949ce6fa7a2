package dev.greenlight.integrations.release.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final byte[] BODY = "{\"status\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsWithHmacSha256AsLowerCaseHex() {
    // RFC 4231 test case 2
    assertThat(WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void acceptsOnlyTheSignatureOfTheExactBodyUnderTheSameSecret() {
    String signature = WebhookSignature.sign("s3cret", BODY);

    assertThat(WebhookSignature.verify("s3cret", BODY, signature)).isTrue();
    assertThat(WebhookSignature.verify("s3cret", BODY, signature.toUpperCase().replace("SHA256=", "sha256="))).isTrue();
    assertThat(WebhookSignature.verify("other", BODY, signature)).isFalse();
    assertThat(WebhookSignature.verify("s3cret", "{\"status\":\"failed\"}".getBytes(StandardCharsets.UTF_8), signature))
        .isFalse();
    assertThat(WebhookSignature.verify("s3cret", BODY, signature.substring("sha256=".length()))).isFalse();
    assertThat(WebhookSignature.verify("s3cret", BODY, "")).isFalse();
    assertThat(WebhookSignature.verify("s3cret", BODY, null)).isFalse();
  }
}
