package io.realcast.webhooks.signing;

import io.realcast.webhooks.verifier.WebhookVerifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The signature headers of one attempt (docs/RECEIVING.md). During a rotation's overlap window the previous
 * secret's signatures are added, so receivers that still hold the old secret keep verifying.
 */
public final class SignedHeaders {
  public static final String SIGNATURE = WebhookVerifier.REALCAST_SIGNATURE;
  public static final String SIGNATURE_PREVIOUS = WebhookVerifier.REALCAST_SIGNATURE_PREVIOUS;
  public static final String WEBHOOK_ID = WebhookVerifier.WEBHOOK_ID;
  public static final String WEBHOOK_TIMESTAMP = WebhookVerifier.WEBHOOK_TIMESTAMP;
  public static final String WEBHOOK_SIGNATURE = WebhookVerifier.WEBHOOK_SIGNATURE;

  private SignedHeaders() {}

  public static Map<String, String> sign(
      WebhookSecret current, Optional<WebhookSecret> previous, String deliveryId, long timestampSeconds, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>(8);
    sign(current, previous, deliveryId, timestampSeconds, body, headers::put);
    return headers;
  }

  /** The same headers, in the same order, handed to {@code header} one by one (no map in between). */
  public static void sign(WebhookSecret current, Optional<WebhookSecret> previous, String deliveryId, long timestampSeconds,
      byte[] body, BiConsumer<String, String> header) {
    header.accept(SIGNATURE, Signatures.seed(current, body));
    String standard = Signatures.standard(current, deliveryId, timestampSeconds, body);
    if (previous.isPresent()) {
      header.accept(SIGNATURE_PREVIOUS, Signatures.seed(previous.get(), body));
      standard += " " + Signatures.standard(previous.get(), deliveryId, timestampSeconds, body);
    }
    header.accept(WEBHOOK_ID, deliveryId);
    header.accept(WEBHOOK_TIMESTAMP, Long.toString(timestampSeconds));
    header.accept(WEBHOOK_SIGNATURE, standard);
  }
}
