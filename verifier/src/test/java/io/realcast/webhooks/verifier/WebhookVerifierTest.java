package io.realcast.webhooks.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private static final String ROTATED = "whsec_" + Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));
  private static final long NOW = 1_733_738_400L; // 2024-12-09T10:00:00Z
  private static final byte[] BODY = "{\"event\":\"stream.live\",\"timestamp\":\"2024-12-09T10:00:00Z\",\"data\":{\"stream_id\":\"stream_abc123\"}}"
      .getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldSignBothSchemesAsAnIndependentHmacDoes() throws Exception {
    assertThat(WebhookSignatures.realcast(SECRET, BODY)).isEqualTo("sha256=" + hex(hmac(SECRET.getBytes(StandardCharsets.UTF_8), BODY)));
    byte[] signed = ("dlv_abc." + NOW + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookSignatures.standard(WebhookSignatures.standardKey(SECRET), "dlv_abc", NOW, BODY))
        .isEqualTo("v1," + Base64.getEncoder().encodeToString(hmac("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), signed)));
  }

  @Test
  void shouldVerifyAFreshRequestWithStandardWebhooks() {
    assertThatCode(() -> verifierAt(NOW, SECRET).verifyStandardWebhooks(BODY, HeaderLookup.of(signed(SECRET, NOW))))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseACapturedRequestReplayedAnHourLaterWithItsHeadersStripped() {
    Map<String, String> captured = signed(SECRET, NOW);
    Map<String, String> stripped = new HashMap<>(captured);
    stripped.keySet().removeIf(name -> name.startsWith("webhook-"));
    WebhookVerifier anHourLater = verifierAt(NOW + 3600, SECRET);

    assertThatThrownBy(() -> anHourLater.verifyStandardWebhooks(BODY, HeaderLookup.of(stripped)))
        .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("missing webhook-id");
    assertThatThrownBy(() -> anHourLater.verifyStandardWebhooks(BODY, HeaderLookup.of(captured)))
        .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("tolerance");
    assertThatThrownBy(() -> anHourLater.verifyRealcastSignatureWithoutReplayProtection(BODY, HeaderLookup.of(captured)))
        .as("the opt-in still enforces the tolerance while the headers are there")
        .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("tolerance");
  }

  @Test
  void shouldLetOnlyTheNamedOptInAcceptAStrippedRequest() {
    Map<String, String> stripped = Map.of(WebhookVerifier.REALCAST_SIGNATURE, WebhookSignatures.realcast(SECRET, BODY));

    assertThatCode(() -> verifierAt(NOW + 3600, SECRET).verifyRealcastSignatureWithoutReplayProtection(BODY, HeaderLookup.of(stripped)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> verifierAt(NOW + 3600, SECRET).verifyStandardWebhooks(BODY, HeaderLookup.of(stripped)))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void shouldRefuseTimestampsOutsideTheToleranceEitherWayAndAcceptTheEdges() {
    long tolerance = WebhookVerifier.DEFAULT_TOLERANCE.toSeconds();
    for (long skew : List.of(-tolerance - 1, tolerance + 1, -86_400L, 86_400L)) {
      assertThatThrownBy(() -> verifierAt(NOW, SECRET).verifyStandardWebhooks(BODY, HeaderLookup.of(signed(SECRET, NOW + skew))))
          .as("skew %d s", skew).isInstanceOf(WebhookVerificationException.class).hasMessageContaining("tolerance");
    }
    for (long skew : List.of(-tolerance, tolerance)) {
      assertThatCode(() -> verifierAt(NOW, SECRET).verifyStandardWebhooks(BODY, HeaderLookup.of(signed(SECRET, NOW + skew))))
          .as("skew %d s", skew).doesNotThrowAnyException();
    }
  }

  @Test
  void shouldRefuseATamperedBodyAWrongSecretAForeignIdAndGarbage() {
    Map<String, String> headers = signed(SECRET, NOW);
    byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("abc123", "abc124").getBytes(StandardCharsets.UTF_8);
    Map<String, String> otherId = new HashMap<>(headers);
    otherId.put(WebhookVerifier.WEBHOOK_ID, "dlv_other");
    Map<String, String> garbage = new HashMap<>(headers);
    garbage.put(WebhookVerifier.WEBHOOK_TIMESTAMP, "soon");

    assertRefusedByBoth(verifierAt(NOW, SECRET), tampered, headers);
    assertRefusedByBoth(verifierAt(NOW, ROTATED), BODY, headers);
    assertRefusedByBoth(verifierAt(NOW, SECRET), BODY, otherId);
    assertRefusedByBoth(verifierAt(NOW, SECRET), BODY, garbage);
  }

  @Test
  void shouldVerifyDuringARotationWithEitherSecret() {
    Map<String, String> rotating = new HashMap<>();
    rotating.put(WebhookVerifier.REALCAST_SIGNATURE, WebhookSignatures.realcast(ROTATED, BODY));
    rotating.put(WebhookVerifier.REALCAST_SIGNATURE_PREVIOUS, WebhookSignatures.realcast(SECRET, BODY));
    rotating.put(WebhookVerifier.WEBHOOK_ID, "dlv_abc");
    rotating.put(WebhookVerifier.WEBHOOK_TIMESTAMP, Long.toString(NOW));
    rotating.put(WebhookVerifier.WEBHOOK_SIGNATURE, standard(ROTATED, NOW) + " " + standard(SECRET, NOW));

    for (String held : List.of(SECRET, ROTATED)) {
      assertThatCode(() -> verifierAt(NOW, held).verifyStandardWebhooks(BODY, HeaderLookup.of(rotating))).as(held).doesNotThrowAnyException();
      assertThatCode(() -> verifierAt(NOW, held).verifyRealcastSignatureWithoutReplayProtection(BODY, HeaderLookup.of(rotating)))
          .as(held).doesNotThrowAnyException();
    }
    WebhookVerifier both = WebhookVerifier.builder().secret(ROTATED).secret(SECRET).clock(clockAt(NOW)).build();
    assertThatCode(() -> both.verifyStandardWebhooks(BODY, HeaderLookup.of(signed(SECRET, NOW)))).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseRealcastSignaturesWithoutPrefixInUppercaseOrMissing() {
    String good = WebhookSignatures.realcast(SECRET, BODY);
    for (String bad : List.of(good.substring(7), "sha256=" + good.substring(7).toUpperCase())) {
      assertThatThrownBy(() -> verifierAt(NOW, SECRET).verifyRealcastSignatureWithoutReplayProtection(
          BODY, HeaderLookup.of(Map.of(WebhookVerifier.REALCAST_SIGNATURE, bad)))).as(bad).isInstanceOf(WebhookVerificationException.class);
    }
    assertThatThrownBy(() -> verifierAt(NOW, SECRET).verifyRealcastSignatureWithoutReplayProtection(BODY, HeaderLookup.of(Map.of())))
        .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("missing");
  }

  @Test
  void shouldMatchHeaderNamesCaseInsensitivelyFromSingleOrListValues() {
    Map<String, List<String>> upper = new HashMap<>();
    signed(SECRET, NOW).forEach((name, value) -> upper.put(name.toUpperCase(), List.of(value)));

    assertThatCode(() -> verifierAt(NOW, SECRET).verifyStandardWebhooks(BODY, HeaderLookup.of(upper))).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseMalformedSecretsAndAnEmptyVerifier() {
    for (String bad : List.of("abc", "whsec_", "whsec_!!!notbase64", "whsec_" + Base64.getEncoder().encodeToString(new byte[8]))) {
      assertThatThrownBy(() -> WebhookVerifier.withSecrets(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(bad.length() > 6 ? bad.substring(6) : "\u0000");
    }
    assertThatThrownBy(WebhookVerifier::withSecrets).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertRefusedByBoth(WebhookVerifier verifier, byte[] body, Map<String, String> headers) {
    assertThatThrownBy(() -> verifier.verifyStandardWebhooks(body, HeaderLookup.of(headers))).isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> verifier.verifyRealcastSignatureWithoutReplayProtection(body, HeaderLookup.of(headers)))
        .isInstanceOf(WebhookVerificationException.class);
  }

  /** The headers RealCast sends for BODY, signed with {@code secret} at {@code timestamp}. */
  static Map<String, String> signed(String secret, long timestamp) {
    Map<String, String> headers = new HashMap<>();
    headers.put(WebhookVerifier.REALCAST_SIGNATURE, WebhookSignatures.realcast(secret, BODY));
    headers.put(WebhookVerifier.WEBHOOK_ID, "dlv_abc");
    headers.put(WebhookVerifier.WEBHOOK_TIMESTAMP, Long.toString(timestamp));
    headers.put(WebhookVerifier.WEBHOOK_SIGNATURE, standard(secret, timestamp));
    return headers;
  }

  private static String standard(String secret, long timestamp) {
    return WebhookSignatures.standard(WebhookSignatures.standardKey(secret), "dlv_abc", timestamp, BODY);
  }

  private static WebhookVerifier verifierAt(long epochSecond, String secret) {
    return WebhookVerifier.builder().secret(secret).clock(clockAt(epochSecond)).build();
  }

  private static Clock clockAt(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x", b));
    }
    return out.toString();
  }
}
