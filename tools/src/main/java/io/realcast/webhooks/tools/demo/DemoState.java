package io.realcast.webhooks.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ids the demo created, kept in its data directory so the next start reuses the same app and
 * webhooks (their subscriptions live in Kafka, in the same directory) instead of adding new ones.
 */
record DemoState(String appId, String webhookId, String flakyWebhookId) {
  static final String FILE = "demo-state.json";

  static Optional<DemoState> load(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.readTree(Files.readAllBytes(file));
      return Optional.of(new DemoState(n.path("app_id").asText(), n.path("webhook_id").asText(), n.path("flaky_webhook_id").asText()));
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty(); // unreadable: the demo creates a fresh app and webhooks
    }
  }

  void save(Path dataDir) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("app_id", appId).put("webhook_id", webhookId)
        .put("flaky_webhook_id", flakyWebhookId);
    try {
      Files.createDirectories(dataDir);
      Files.write(dataDir.resolve(FILE), Json.toBytes(n));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
    }
  }
}
