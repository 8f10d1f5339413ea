package io.realcast.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.testing.MutableClock;
import io.realcast.webhooks.testing.SigningVectors;
import io.realcast.webhooks.testing.SigningVectors.Vector;
import io.realcast.webhooks.testing.WebhookBodies;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

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
  void shouldVerifyAFreshStandardSignature() {
    byte[] body = body();
    Map<String, String> headers = SignedHeaders.sign(SECRET, Optional.empty(), "dlv_abc", NOW, body);

    assertThatCode(() -> verifier(SECRET).verify(body, headers)).doesNotThrowAnyException();
  }

  @Test
  void shouldRejectTimestampsOutsideTheToleranceEitherWay() {
    byte[] body = body();
    long tolerance = WebhookVerifier.DEFAULT_TOLERANCE.toSeconds();
    for (long skew : List.of(-tolerance - 1, tolerance + 1, -86_400L, 86_400L)) {
      Map<String, String> headers = SignedHeaders.sign(SECRET, Optional.empty(), "dlv_abc", NOW + skew, body);

      assertThatThrownBy(() -> verifier(SECRET).verify(body, headers)).as("skew %d s", skew)
          .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("tolerance");
    }
    for (long skew : List.of(-tolerance, tolerance)) {
      Map<String, String> headers = SignedHeaders.sign(SECRET, Optional.empty(), "dlv_abc", NOW + skew, body);
      assertThatCode(() -> verifier(SECRET).verify(body, headers)).as("skew %d s", skew).doesNotThrowAnyException();
    }
  }

  @Test
  void shouldRejectAReplayOnceTimeHasPassed() {
    byte[] body = body();
    Map<String, String> headers = SignedHeaders.sign(SECRET, Optional.empty(), "dlv_abc", NOW, body);
    WebhookVerifier verifier = verifier(SECRET);

    clock.advance(Duration.ofMinutes(6));

    assertThatThrownBy(() -> verifier.verify(body, headers)).isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void shouldRejectTamperedBodyWrongSecretForeignIdAndGarbage() {
    byte[] body = body();
    Map<String, String> headers = SignedHeaders.sign(SECRET, Optional.empty(), "dlv_abc", NOW, body);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("abc123", "abc124").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> verifier(SECRET).verify(tampered, headers)).isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> verifier(ROTATED).verify(body, headers)).isInstanceOf(WebhookVerificationException.class);
    Map<String, String> otherId = new HashMap<>(headers);
    otherId.put(SignedHeaders.WEBHOOK_ID, "dlv_other");
    assertThatThrownBy(() -> verifier(SECRET).verify(body, otherId)).isInstanceOf(WebhookVerificationException.class);
    Map<String, String> garbage = new HashMap<>(headers);
    garbage.put(SignedHeaders.WEBHOOK_TIMESTAMP, "soon");
    assertThatThrownBy(() -> verifier(SECRET).verify(body, garbage)).isInstanceOf(WebhookVerificationException.class);
    Map<String, String> noId = new HashMap<>(headers);
    noId.remove(SignedHeaders.WEBHOOK_ID);
    assertThatThrownBy(() -> verifier(SECRET).verify(body, noId)).isInstanceOf(WebhookVerificationException.class);
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

    assertThatCode(() -> verifier(SECRET).verify(body, headers)).as("old secret, standard").doesNotThrowAnyException();
    assertThatCode(() -> verifier(ROTATED).verify(body, headers)).as("new secret, standard").doesNotThrowAnyException();
    assertThatCode(() -> verifier(SECRET).verifySeed(body, headers.get(SignedHeaders.SIGNATURE_PREVIOUS))).doesNotThrowAnyException();
    assertThatCode(() -> verifier(ROTATED).verifySeed(body, headers.get(SignedHeaders.SIGNATURE))).doesNotThrowAnyException();
    assertThatThrownBy(() -> verifier(SECRET).verifySeed(body, headers.get(SignedHeaders.SIGNATURE)))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void shouldAcceptEitherSecretWhenTheReceiverHoldsBoth() {
    byte[] body = body();
    WebhookVerifier both = new WebhookVerifier(List.of(ROTATED, SECRET), WebhookVerifier.DEFAULT_TOLERANCE, clock);

    assertThatCode(() -> both.verifySeed(body, Signatures.seed(SECRET, body))).doesNotThrowAnyException();
    assertThatCode(() -> both.verifySeed(body, Signatures.seed(ROTATED, body))).doesNotThrowAnyException();
  }

  @Test
  void shouldMatchHeaderNamesCaseInsensitivelyAndFallBackToTheSeedScheme() {
    byte[] body = body();
    Map<String, String> seedOnly = Map.of("x-realcast-signature", Signatures.seed(SECRET, body));
    Map<String, String> upper = new HashMap<>();
    SignedHeaders.sign(SECRET, Optional.empty(), "dlv_abc", NOW, body).forEach((k, v) -> upper.put(k.toUpperCase(), v));

    assertThatCode(() -> verifier(SECRET).verify(body, seedOnly)).doesNotThrowAnyException();
    assertThatCode(() -> verifier(SECRET).verify(body, upper)).doesNotThrowAnyException();
    assertThatThrownBy(() -> verifier(SECRET).verify(body, Map.of())).isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void shouldRejectSeedSignaturesWithoutPrefixOrInUppercaseHex() {
    byte[] body = body();
    String good = Signatures.seed(SECRET, body);

    assertThatThrownBy(() -> verifier(SECRET).verifySeed(body, good.substring(7))).isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> verifier(SECRET).verifySeed(body, null)).isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> verifier(SECRET).verifySeed(body, "sha256=" + good.substring(7).toUpperCase()))
        .isInstanceOf(WebhookVerificationException.class);
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
    return new WebhookVerifier(List.of(secret), WebhookVerifier.DEFAULT_TOLERANCE, clock);
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
