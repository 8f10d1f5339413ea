package io.realcast.webhooks.verifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signature schemes of a RealCast webhook, as pure functions of secret and bytes. The platform
 * signs with these and {@link WebhookVerifier} checks with them, so both sides share one definition.
 */
public final class WebhookSignatures {
  /** Every webhook secret starts with this; base64 of the key follows. */
  public static final String SECRET_PREFIX = "whsec_";
  /** {@code X-RealCast-Signature} values start with this; lowercase hex follows. */
  public static final String REALCAST_PREFIX = "sha256=";
  /** Each entry of {@code webhook-signature} starts with this; base64 follows. */
  public static final String STANDARD_VERSION = "v1,";
  private static final int MIN_KEY_BYTES = 16;

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  // Mac.getInstance looks up providers on every call; one instance per thread is re-keyed instead.
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(WebhookSignatures::newMac);

  private WebhookSignatures() {}

  /** {@code X-RealCast-Signature}: {@code sha256=} + hex HMAC-SHA256 keyed with the whole secret string's UTF-8 bytes. */
  public static String realcast(String secret, byte[] body) {
    byte[] mac = hmac(secret.getBytes(StandardCharsets.UTF_8), body);
    char[] out = new char[REALCAST_PREFIX.length() + mac.length * 2];
    REALCAST_PREFIX.getChars(0, REALCAST_PREFIX.length(), out, 0);
    int at = REALCAST_PREFIX.length();
    for (byte b : mac) {
      out[at++] = HEX[(b >> 4) & 15];
      out[at++] = HEX[b & 15];
    }
    return new String(out);
  }

  /**
   * One Standard Webhooks {@code webhook-signature} entry: {@code v1,} + base64 HMAC-SHA256 of
   * {@code id.timestamp.body}, keyed with {@link #standardKey(String) the secret's decoded key}.
   */
  public static String standard(byte[] key, String messageId, long timestampSeconds, byte[] body) {
    // The prefix, then the body: no copy of the body into one array.
    Mac mac = keyed(key);
    mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
    return STANDARD_VERSION + Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  /**
   * The key of the Standard Webhooks scheme: the base64-decoded part after {@code whsec_}.
   *
   * @throws IllegalArgumentException if the secret is not {@code whsec_} + base64 of at least 16 bytes
   */
  public static byte[] standardKey(String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret is " + SECRET_PREFIX + " followed by base64", e);
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("a webhook secret carries at least " + MIN_KEY_BYTES + " bytes of key");
    }
    return key;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    return keyed(key).doFinal(data);
  }

  private static Mac keyed(byte[] key) {
    Mac mac = HMAC.get();
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 rejected its key", e);
    }
    return mac;
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is required by the Java platform", e);
    }
  }
}
