package io.realcast.webhooks.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.testing.SeedGuide;
import io.realcast.webhooks.testing.SeedReceivers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guide's eight example payloads are the contract: for each, what the seed's Node.js receiver makes of
 * it, {@code JSON.stringify(JSON.parse(example))}, must be exactly our body for the same event, field order
 * and all.
 */
@Timeout(120)
class SeedGuideExamplesTest {

  @Test
  void shouldProduceExactlyTheGuidesExampleForEveryEventType() {
    List<String> examples = SeedGuide.load().codeBlocks("json");
    assertThat(examples).hasSize(8);
    List<WebhookEventType> types = new ArrayList<>();
    List<byte[]> ours = new ArrayList<>();
    for (String example : examples) {
      JsonNode tree = Json.readTree(example.getBytes(StandardCharsets.UTF_8));
      WebhookEventType type = WebhookEventType.fromWireName(tree.get("event").asText()).orElseThrow();
      Instant timestamp = Instant.parse(tree.get("timestamp").asText());
      types.add(type);
      ours.add(new WebhookEvent(EventId.of("evt_guide"), timestamp, SampleEvents.payload(type, timestamp)).body());
    }

    List<byte[]> node = SeedReceivers.nodeRestringify(examples.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList());

    assertThat(types).containsExactlyInAnyOrder(WebhookEventType.values());
    for (int i = 0; i < examples.size(); i++) {
      assertThat(new String(ours.get(i), StandardCharsets.UTF_8)).as(types.get(i).wireName())
          .isEqualTo(new String(node.get(i), StandardCharsets.UTF_8));
    }
  }

  @Test
  void shouldRunTheGuidesOwnReceiverCodeVerbatim() throws Exception {
    SeedGuide guide = SeedGuide.load();

    assertThat(resource("seed-verify.js")).contains(guide.function("function verifySignature("));
    assertThat(resource("seed_verify.py")).contains(guide.function("def verify_webhook_signature("));
    assertThat(guide.function("function verifySignature(")).contains("crypto.timingSafeEqual").endsWith("}\n");
    assertThat(guide.function("def verify_webhook_signature(")).contains("hmac.compare_digest");
  }

  private static String resource(String name) throws Exception {
    try (var in = SeedReceivers.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
