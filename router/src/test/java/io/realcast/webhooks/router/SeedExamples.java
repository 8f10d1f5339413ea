package io.realcast.webhooks.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.testing.PayloadExamples;
import java.nio.charset.StandardCharsets;

/**
 * The documented example body of each event type ({@code docs/examples/payloads}, shown in docs/RECEIVING.md).
 * Tests compare router output with their compact form byte for byte.
 */
final class SeedExamples {
  private SeedExamples() {}

  static JsonNode tree(WebhookEventType type) {
    return Json.readTree(PayloadExamples.read(type).getBytes(StandardCharsets.UTF_8));
  }

  /** The example as JSON.stringify(JSON.parse(example)) would print it: the exact body expected. */
  static String compact(WebhookEventType type) {
    return new String(Json.toBytes(tree(type)), StandardCharsets.UTF_8);
  }
}
