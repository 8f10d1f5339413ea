package io.realcast.webhooks.testing;

import io.realcast.webhooks.signing.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Known-answer vectors for both signature schemes of docs/RECEIVING.md, computed independently with Python's
 * {@code hmac} module (not with our code), so any module can check its signing against them.
 */
public final class SigningVectors {
  /** {@code whsec_} + base64 of bytes 0..31. */
  public static final WebhookSecret SECRET = new WebhookSecret("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
  /** {@code whsec_} + base64 of bytes 32..63: the secret after a rotation. */
  public static final WebhookSecret ROTATED_SECRET = new WebhookSecret("whsec_ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=");
  public static final String DELIVERY_ID = "dlv_0123456789abcdef0123456789abcdef";
  /** 2024-12-09T10:00:00Z. */
  public static final long TIMESTAMP = 1_733_738_400L;

  /**
   * @param seedSignature expected {@code X-RealCast-Signature}
   * @param standardSignature expected {@code webhook-signature} entry for {@link #DELIVERY_ID} at {@link #TIMESTAMP}
   */
  public record Vector(String name, WebhookSecret secret, String body, String seedSignature, String standardSignature) {
    public byte[] bodyBytes() {
      return body.getBytes(StandardCharsets.UTF_8);
    }
  }

  private static final String STREAM_LIVE = "{\"event\":\"stream.live\",\"timestamp\":\"2024-12-09T10:00:00Z\",\"data\":"
      + "{\"stream_id\":\"stream_abc123\",\"app_id\":\"app_xyz789\",\"title\":\"Epic Gaming Session\","
      + "\"streamer_id\":\"user_123\",\"started_at\":\"2024-12-09T10:00:00Z\"}}";
  private static final String CHAT_UNICODE = "{\"event\":\"chat.message.new\",\"timestamp\":\"2024-12-09T10:10:00Z\",\"data\":"
      + "{\"stream_id\":\"stream_abc123\",\"message_id\":\"msg_jkl012\",\"user_id\":\"user_456\","
      + "\"user_name\":\"Gamer\\\"Pro\\\"\",\"message\":\"caf\u00e9 \uD83C\uDFAE \\u0000 \\ud800\","
      + "\"created_at\":\"2024-12-09T10:10:00Z\"}}";

  public static final List<Vector> ALL = List.of(
      new Vector("stream.live, secret", SECRET, STREAM_LIVE,
          "sha256=754e3a90b32d6fce8de3fc93a1ff52fb4717beb23e1a0a333962dcdb22135f33",
          "v1,FY0e+HW8tcBD2ImvpikPqQeuitfPNGyvjuy29ZuM8D8="),
      new Vector("stream.live, rotated secret", ROTATED_SECRET, STREAM_LIVE,
          "sha256=a3db38e4c972e3b80a30fe5b7dc4a46da775d5841292a69c8bf758a0eaafc602",
          "v1,COcyaZDSI3AROxiOtTttRF9gAJ9vLagDNOnuQAcdqA8="),
      new Vector("chat with quotes, non-ASCII, escapes, secret", SECRET, CHAT_UNICODE,
          "sha256=2cabe2461f619f7d56216281ac47f1dc7977b4fda51ec8760e82320a643944d2",
          "v1,B8SMl0+GWUthNArQTWiBZva7F9wZdi/StgJ7ROru81w="),
      new Vector("chat with quotes, non-ASCII, escapes, rotated secret", ROTATED_SECRET, CHAT_UNICODE,
          "sha256=e93210a0f63accb9dee1660016b4adacf4d8dd34d6a72bebf273d5cbbc601165",
          "v1,VPpedh8kpCZzbP9M5XdfW4aOZvyNKZR6jtCS7vrgLVA="));

  private SigningVectors() {}
}
