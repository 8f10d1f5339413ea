package io.realcast.webhooks.signing;

import io.realcast.webhooks.verifier.HeaderLookup;
import io.realcast.webhooks.verifier.WebhookVerificationException;
import java.util.HashMap;
import java.util.Map;

/**
 * The former verifier of {@code common}, kept only so the deliverer's tests compile until they import
 * {@link io.realcast.webhooks.verifier.WebhookVerifier} (the artifact receivers use). Each method names its
 * scheme; there is no header-based fallback from one scheme to the other any more.
 *
 * @deprecated use {@link io.realcast.webhooks.verifier.WebhookVerifier}
 */
@Deprecated(forRemoval = true)
public final class WebhookVerifier {
  private final io.realcast.webhooks.verifier.WebhookVerifier verifier;

  private WebhookVerifier(io.realcast.webhooks.verifier.WebhookVerifier verifier) {
    this.verifier = verifier;
  }

  public static WebhookVerifier of(String... secrets) {
    return new WebhookVerifier(io.realcast.webhooks.verifier.WebhookVerifier.withSecrets(secrets));
  }

  /** {@code X-RealCast-Signature} alone: no replay protection. */
  public void verifySeed(byte[] body, String signatureHeader) throws WebhookVerificationException {
    Map<String, String> headers = new HashMap<>();
    if (signatureHeader != null) {
      headers.put(SignedHeaders.SIGNATURE, signatureHeader);
    }
    verifier.verifyRealcastSignatureWithoutReplayProtection(body, HeaderLookup.of(headers));
  }

  /** Standard Webhooks, timestamp tolerance included. */
  public void verifyStandard(byte[] body, String id, String timestamp, String signatures) throws WebhookVerificationException {
    Map<String, String> headers = new HashMap<>();
    headers.put(SignedHeaders.WEBHOOK_ID, id);
    headers.put(SignedHeaders.WEBHOOK_TIMESTAMP, timestamp);
    headers.put(SignedHeaders.WEBHOOK_SIGNATURE, signatures);
    headers.values().removeIf(v -> v == null);
    verifier.verifyStandardWebhooks(body, HeaderLookup.of(headers));
  }
}
