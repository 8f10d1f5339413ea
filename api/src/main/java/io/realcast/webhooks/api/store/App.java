package io.realcast.webhooks.api.store;

import io.realcast.webhooks.id.AppId;
import java.time.Instant;
import java.util.Objects;

/**
 * An app as stored in the compacted topic {@code realcast.apps} (key: app id).
 *
 * @param apiKeyHash lowercase hex SHA-256 of the app's API key; the key itself is shown once, at creation
 */
public record App(AppId id, String name, String apiKeyHash, Instant createdAt) {
  public App {
    Objects.requireNonNull(id, "id");
    name = name == null ? "" : name;
    Objects.requireNonNull(apiKeyHash, "api_key_sha256");
    Objects.requireNonNull(createdAt, "created_at");
  }
}
