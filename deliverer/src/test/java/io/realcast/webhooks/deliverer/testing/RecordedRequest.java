package io.realcast.webhooks.deliverer.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** One request as the receiver saw it: headers (names lower-cased), exact body, arrival time. */
public record RecordedRequest(String method, String path, Map<String, String> headers, byte[] body, Instant arrivedAt,
    long arrivedNanos, Reply reply) {

  /** Whether the scripted reply was a 2xx answer. */
  public boolean answeredOk() {
    return reply.kind() != Reply.Kind.STALL && reply.kind() != Reply.Kind.RESET && reply.status() >= 200 && reply.status() < 300;
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  public String webhookId() {
    return header("X-RealCast-Webhook-Id");
  }

  public int attempt() {
    return Integer.parseInt(header("X-RealCast-Delivery-Attempt"));
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
