package io.realcast.webhooks.api.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.json.Json;
import java.time.Instant;

/** JSON form of an {@link App} in {@code realcast.apps}. */
public final class AppCodec {
  private AppCodec() {}

  public static byte[] encode(App app) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", app.id().value());
    node.put("name", app.name());
    node.put("api_key_sha256", app.apiKeyHash());
    node.put("created_at", app.createdAt().toString());
    return Json.toBytes(node);
  }

  public static App decode(byte[] bytes) {
    JsonNode n = Json.readTree(bytes);
    return new App(AppId.of(n.path("id").asText()), n.path("name").asText(""), n.path("api_key_sha256").asText(),
        Instant.parse(n.path("created_at").asText()));
  }
}
