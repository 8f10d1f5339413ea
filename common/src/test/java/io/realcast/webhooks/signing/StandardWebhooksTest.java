package io.realcast.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.testing.MutableClock;
import io.realcast.webhooks.testing.SigningVectors.Vector;
import io.realcast.webhooks.testing.SigningVectors;
import io.realcast.webhooks.testing.WebhookBodies;
import io.realcast.webhooks.verifier.HeaderLookup;
import io.realcast.webhooks.verifier.WebhookVerificationException;
import io.realcast.webhooks.verifier.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Our signing (SignedHeaders, Signatures) against independent implementations and the receivers' verifier. */
class StandardWebhooksTest {
  private static final WebhookSecret SECRET = SigningVectors.SECRET;
  private static final WebhookSecret ROTATED = SigningVectors.ROTATED_SECRET;
  private static final long NOW = SigningVectors.TIMESTAMP;
  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));

  @Test
  void shouldMatchTheIndependentlyComputedVectors() {
    for (Vector v : SigningVectors.ALL) {
      assertThat(Signatures.seed(v.secret(), v.bodyBytes())).as(v.name()).isEqualTo(v.seedSignature());
      assertThat(Signatures.standard(v.secret(), SigningVectors.DELIVERY_ID, SigningVectors.TIMESTAMP, v.bodyBytes()))
          .as(v.name()).isEqualTo(v.standardSignature());
    }
  }

  @Test
  void shouldSignWebhookSignatureAsAnIndependentImplementationDoes() throws Exception {
    for (byte[] body : WebhookBodies.all().values()) {
      Map<String, String> headers = SignedHeaders.sign(SECRET, Optional.empty(), "dlv_abc", NOW, body);

      assertThat(headers.get(SignedHeaders.WEBHOOK_SIGNATURE)).isEqualTo("v1," + independentStandard(SECRET.value(), "dlv_abc", NOW, body));
      assertThat(headers).containsEntry(SignedHeaders.WEBHOOK_ID, "dlv_abc").containsEntry(SignedHeaders.WEBHOOK_TIMESTAMP, Long.toString(NOW));
      assertThat(headers).doesNotContainKey(SignedHeaders.SIGNATURE_PREVIOUS);
    }
  }

  @Test
  void shouldVerifyEveryBodyWeSignWithTheReceiversVerifierInBothSchemes() {
    WebhookVerifier verifier = verifier(SECRET);
    for (byte[] body : WebhookBodies.all().values()) {
      HeaderLookup headers = HeaderLookup.of(SignedHeaders.sign(SECRET, Optional.empty(), "dlv_abc", NOW, body));

      assertThatCode(() -> verifier.verifyStandardWebhooks(body, headers)).doesNotThrowAnyException();
      assertThatCode(() -> verifier.verifyRealcastSignatureWithoutReplayProtection(body, headers)).doesNotThrowAnyException();
    }
  }

  @Test
  void shouldRefuseOurSignedHeadersOnceStaleEvenWhenTheReceiverOptsIntoTheWeakerScheme() {
    byte[] body = body();
    HeaderLookup headers = HeaderLookup.of(SignedHeaders.sign(SECRET, Optional.empty(), "dlv_abc", NOW, body));

    clock.advance(Duration.ofMinutes(6));

    assertThatThrownBy(() -> verifier(SECRET).verifyStandardWebhooks(body, headers)).isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> verifier(SECRET).verifyRealcastSignatureWithoutReplayProtection(body, headers))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void shouldCarryBothSignaturesDuringARotationSoEitherSecretVerifies() throws Exception {
    byte[] body = body();
    Map<String, String> headers = SignedHeaders.sign(ROTATED, Optional.of(SECRET), "dlv_abc", NOW, body);

    String[] entries = headers.get(SignedHeaders.WEBHOOK_SIGNATURE).split(" ");
    assertThat(entries).containsExactly(
        "v1," + independentStandard(ROTATED.value(), "dlv_abc", NOW, body), "v1," + independentStandard(SECRET.value(), "dlv_abc", NOW, body));
    assertThat(headers.get(SignedHeaders.SIGNATURE)).isEqualTo(Signatures.seed(ROTATED, body));
    assertThat(headers.get(SignedHeaders.SIGNATURE_PREVIOUS)).isEqualTo(Signatures.seed(SECRET, body));
    for (WebhookSecret held : List.of(SECRET, ROTATED)) {
      assertThatCode(() -> verifier(held).verifyStandardWebhooks(body, HeaderLookup.of(headers))).doesNotThrowAnyException();
      assertThatCode(() -> verifier(held).verifyRealcastSignatureWithoutReplayProtection(body, HeaderLookup.of(headers)))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void shouldNeverShowASecretInToString() {
    assertThat(SECRET.toString()).doesNotContain(SECRET.value().substring(6)).isEqualTo("whsec_****");
  }

  @Test
  void shouldRefuseMalformedSecrets() {
    for (String bad : List.of("abc", "whsec_", "whsec_!!!notbase64", "whsec_" + Base64.getEncoder().encodeToString(new byte[8]))) {
      assertThatThrownBy(() -> new WebhookSecret(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private WebhookVerifier verifier(WebhookSecret secret) {
    return WebhookVerifier.builder().secret(secret.value()).clock(clock).build();
  }

  private static byte[] body() {
    return WebhookBodies.samples().values().iterator().next();
  }

  /** The Standard Webhooks scheme written from its spec, independent of {@link Signatures}. */
  private static String independentStandard(String whsec, String id, long timestamp, byte[] body) throws Exception {
    byte[] key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(mac.doFinal(body));
  }
}
