package io.realcast.webhooks.api.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** JSON form of an {@link App} in {@code realcast.apps}; fields added later are optional, so old records still read. */
public final class AppCodec {
  private AppCodec() {}

  public static byte[] encode(App app) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", app.id().value());
    node.put("name", app.name());
    node.put("api_key_sha256", app.apiKeyHash());
    node.put("created_at", app.createdAt().toString());
    app.previousKey().ifPresent(p -> {
      node.put("previous_api_key_sha256", p.hash());
      node.put("previous_api_key_expires_at", p.expiresAt().toString());
    });
    app.historyRetention().ifPresent(r -> node.put("history_retention", r.toString()));
    return Json.toBytes(node);
  }

  public static App decode(byte[] bytes) {
    JsonNode n = Json.readTree(bytes);
    Optional<App.PreviousKey> previous = n.hasNonNull("previous_api_key_sha256")
        ? Optional.of(new App.PreviousKey(n.get("previous_api_key_sha256").asText(),
            Instant.parse(n.path("previous_api_key_expires_at").asText())))
        : Optional.empty();
    Optional<Duration> retention = n.hasNonNull("history_retention") ? Optional.of(Duration.parse(n.get("history_retention").asText()))
        : Optional.empty();
    return new App(AppId.of(n.path("id").asText()), n.path("name").asText(""), n.path("api_key_sha256").asText(),
        Instant.parse(n.path("created_at").asText()), previous, retention);
  }
}
