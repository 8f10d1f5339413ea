package io.realcast.webhooks.signing;

import io.realcast.webhooks.verifier.WebhookSignatures;

/**
 * The two signature schemes of docs/RECEIVING.md for typed secrets. The definitions live in the verifier
 * artifact ({@link WebhookSignatures}), so what the deliverer signs and what a receiver checks cannot drift.
 */
public final class Signatures {
  public static final String SEED_PREFIX = WebhookSignatures.REALCAST_PREFIX;
  public static final String STANDARD_VERSION = WebhookSignatures.STANDARD_VERSION;

  private Signatures() {}

  /** {@code X-RealCast-Signature}: {@code sha256=} + hex HMAC-SHA256(secret string as UTF-8, body). */
  public static String seed(WebhookSecret secret, byte[] body) {
    return WebhookSignatures.realcast(secret.value(), body);
  }

  /** Standard Webhooks {@code webhook-signature} entry: {@code v1,} + base64 HMAC of {@code id.timestamp.body}. */
  public static String standard(WebhookSecret secret, String messageId, long timestampSeconds, byte[] body) {
    return WebhookSignatures.standard(secret.standardKey(), messageId, timestampSeconds, body);
  }
}
