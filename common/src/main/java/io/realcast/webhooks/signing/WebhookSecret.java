package io.realcast.webhooks.signing;

import io.realcast.webhooks.verifier.WebhookSignatures;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A webhook signing secret: {@code whsec_} + base64 of 32 random bytes. The {@code X-RealCast-Signature} scheme
 * keys HMAC with the whole string's UTF-8 bytes; Standard Webhooks keys it with the decoded bytes.
 * {@link #toString()} is masked so a secret cannot reach a log by accident.
 */
public record WebhookSecret(String value) {
  public static final String PREFIX = WebhookSignatures.SECRET_PREFIX;
  private static final int RANDOM_BYTES = 32;

  public WebhookSecret {
    WebhookSignatures.standardKey(value); // throws IllegalArgumentException naming what is wrong, never the value
  }

  public static WebhookSecret generate(SecureRandom random) {
    byte[] key = new byte[RANDOM_BYTES];
    random.nextBytes(key);
    return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
  }

  /** Key of the Standard Webhooks scheme: the base64-decoded part after the prefix. */
  public byte[] standardKey() {
    return WebhookSignatures.standardKey(value);
  }

  @Override
  public String toString() {
    return PREFIX + "****";
  }
}
