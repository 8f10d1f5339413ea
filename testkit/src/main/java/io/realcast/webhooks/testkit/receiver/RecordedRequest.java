package io.realcast.webhooks.testkit.receiver;

import io.realcast.webhooks.verifier.HeaderLookup;
import io.realcast.webhooks.verifier.WebhookVerificationException;
import io.realcast.webhooks.verifier.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** One request as the receiver saw it: headers (names lower-cased), exact body, arrival time, and the reply it got. */
public record RecordedRequest(String method, String path, Map<String, String> headers, byte[] body, Instant arrivedAt,
    long arrivedNanos, Reply reply) {

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** {@code X-RealCast-Webhook-Id}: the delivery id. */
  public String webhookId() {
    return header("X-RealCast-Webhook-Id");
  }

  public String event() {
    return header("X-RealCast-Event");
  }

  /** {@code X-RealCast-Delivery-Attempt}, 0 when absent. */
  public int attempt() {
    String value = header("X-RealCast-Delivery-Attempt");
    return value == null ? 0 : Integer.parseInt(value);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Whether the scripted reply was a 2xx answer. */
  public boolean answeredOk() {
    return reply.isSuccess();
  }

  /**
   * Whether {@code secret} signed this request: {@code X-RealCast-Signature}, and the Standard Webhooks headers
   * (timestamp within 5 minutes of now) whenever they are present.
   */
  public boolean signedWith(String secret) {
    if (secret == null) {
      return false;
    }
    try {
      WebhookVerifier.withSecrets(secret).verifyRealcastSignatureWithoutReplayProtection(body, HeaderLookup.of(headers));
      return true;
    } catch (WebhookVerificationException | IllegalArgumentException e) {
      return false;
    }
  }
}
