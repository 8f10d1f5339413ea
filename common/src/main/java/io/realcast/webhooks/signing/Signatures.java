package io.realcast.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two signature schemes of docs/RECEIVING.md, as pure functions of key and bytes. */
public final class Signatures {
  public static final String SEED_PREFIX = "sha256=";
  public static final String STANDARD_VERSION = "v1,";

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  // Mac.getInstance looks up providers on every call; one instance per thread is re-keyed instead.
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(Signatures::newMac);

  private Signatures() {}

  /** {@code X-RealCast-Signature}: {@code sha256=} + hex HMAC-SHA256(secret string as UTF-8, body). */
  public static String seed(WebhookSecret secret, byte[] body) {
    byte[] mac = hmac(secret.value().getBytes(StandardCharsets.UTF_8), body);
    char[] out = new char[SEED_PREFIX.length() + mac.length * 2];
    SEED_PREFIX.getChars(0, SEED_PREFIX.length(), out, 0);
    int at = SEED_PREFIX.length();
    for (byte b : mac) {
      out[at++] = HEX[(b >> 4) & 15];
      out[at++] = HEX[b & 15];
    }
    return new String(out);
  }

  /** Standard Webhooks {@code webhook-signature} entry: {@code v1,} + base64 HMAC of {@code id.timestamp.body}. */
  public static String standard(WebhookSecret secret, String messageId, long timestampSeconds, byte[] body) {
    Mac mac = keyed(secret.standardKey());
    mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
    return STANDARD_VERSION + Base64.getEncoder().encodeToString(mac.doFinal(body));
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
