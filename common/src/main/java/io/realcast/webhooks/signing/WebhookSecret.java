package io.realcast.webhooks.signing;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A webhook signing secret: {@code whsec_} + base64 of 32 random bytes. The seed's scheme keys HMAC
 * with the whole string's UTF-8 bytes; Standard Webhooks keys it with the decoded bytes.
 * {@link #toString()} is masked so a secret cannot reach a log by accident.
 */
public record WebhookSecret(String value) {
  public static final String PREFIX = "whsec_";
  private static final int RANDOM_BYTES = 32;

  public WebhookSecret {
    if (value == null || !value.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
    }
    try {
      if (Base64.getDecoder().decode(value.substring(PREFIX.length())).length < 16) {
        throw new IllegalArgumentException("a webhook secret carries at least 16 bytes of key");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret is " + PREFIX + " followed by base64", e);
    }
  }

  public static WebhookSecret generate(SecureRandom random) {
    byte[] key = new byte[RANDOM_BYTES];
    random.nextBytes(key);
    return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
  }

  /** Key of the Standard Webhooks scheme: the base64-decoded part after the prefix. */
  public byte[] standardKey() {
    return Base64.getDecoder().decode(value.substring(PREFIX.length()));
  }

  @Override
  public String toString() {
    return PREFIX + "****";
  }
}
