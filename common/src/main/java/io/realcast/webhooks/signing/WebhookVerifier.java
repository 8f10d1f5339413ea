package io.realcast.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies RealCast webhooks in a Java receiver. Accepts several secrets so a receiver can hold the
 * old and the new one during a rotation. All comparisons are constant-time.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of("whsec_...");
 * verifier.verify(rawBody, headers); // throws WebhookVerificationException
 * }</pre>
 */
public final class WebhookVerifier {
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final List<WebhookSecret> secrets;
  private final Duration tolerance;
  private final Clock clock;

  public WebhookVerifier(List<WebhookSecret> secrets, Duration tolerance, Clock clock) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret is needed");
    }
    this.secrets = List.copyOf(secrets);
    this.tolerance = tolerance;
    this.clock = clock;
  }

  public static WebhookVerifier of(String... secrets) {
    return new WebhookVerifier(
        java.util.Arrays.stream(secrets).map(WebhookSecret::new).toList(), DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  /**
   * Verifies with the Standard Webhooks headers when present (which adds replay protection), else
   * with {@code X-RealCast-Signature}. Header names are matched case-insensitively.
   */
  public void verify(byte[] body, Map<String, String> headers) throws WebhookVerificationException {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    String standard = byName.get(SignedHeaders.WEBHOOK_SIGNATURE);
    if (standard != null) {
      verifyStandard(body, byName.get(SignedHeaders.WEBHOOK_ID), byName.get(SignedHeaders.WEBHOOK_TIMESTAMP), standard);
    } else {
      verifySeed(body, byName.get(SignedHeaders.SIGNATURE.toLowerCase(Locale.ROOT)));
    }
  }

  /** The seed's scheme: {@code sha256=<hex>} over the raw body. Has no timestamp, so no replay check. */
  public void verifySeed(byte[] body, String signatureHeader) throws WebhookVerificationException {
    if (signatureHeader == null || !signatureHeader.startsWith(Signatures.SEED_PREFIX)) {
      throw new WebhookVerificationException("missing or malformed " + SignedHeaders.SIGNATURE + " header");
    }
    for (WebhookSecret secret : secrets) {
      if (constantTimeEquals(Signatures.seed(secret, body), signatureHeader)) {
        return;
      }
    }
    throw new WebhookVerificationException("signature does not match");
  }

  /** Standard Webhooks: checks the timestamp is within tolerance, then any {@code v1,} signature. */
  public void verifyStandard(byte[] body, String id, String timestamp, String signatures)
      throws WebhookVerificationException {
    if (id == null || timestamp == null || signatures == null) {
      throw new WebhookVerificationException("missing webhook-id, webhook-timestamp or webhook-signature header");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException("webhook-timestamp is not a number of seconds");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - seconds) > tolerance.toSeconds()) {
      throw new WebhookVerificationException("webhook-timestamp is outside the tolerance of " + tolerance);
    }
    for (WebhookSecret secret : secrets) {
      String expected = Signatures.standard(secret, id, seconds, body);
      for (String candidate : signatures.split(" ")) {
        if (constantTimeEquals(expected, candidate)) {
          return;
        }
      }
    }
    throw new WebhookVerificationException("no webhook-signature matches");
  }

  private static boolean constantTimeEquals(String expected, String actual) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }
}
