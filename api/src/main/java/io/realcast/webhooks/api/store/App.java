package io.realcast.webhooks.api.store;

import io.realcast.webhooks.id.AppId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An app as stored in the compacted topic {@code realcast.apps} (key: app id).
 *
 * @param apiKeyHash lowercase hex SHA-256 of the app's API key; the key itself is shown once, at creation or rotation
 * @param previousKey the key before the last rotation, accepted until it expires
 * @param historyRetention how long the delivery history keeps this app's deliveries, when not the default
 */
public record App(AppId id, String name, String apiKeyHash, Instant createdAt, Optional<PreviousKey> previousKey,
    Optional<Duration> historyRetention) {

  /** A key replaced by a rotation, with the end of its overlap window. */
  public record PreviousKey(String hash, Instant expiresAt) {}

  public App {
    Objects.requireNonNull(id, "id");
    name = name == null ? "" : name;
    Objects.requireNonNull(apiKeyHash, "api_key_sha256");
    Objects.requireNonNull(createdAt, "created_at");
    previousKey = previousKey == null ? Optional.empty() : previousKey;
    historyRetention = historyRetention == null ? Optional.empty() : historyRetention;
  }

  public App(AppId id, String name, String apiKeyHash, Instant createdAt) {
    this(id, name, apiKeyHash, createdAt, Optional.empty(), Optional.empty());
  }

  /** A new key; the current one keeps working until {@code now + overlap} (no overlap: revoked at once). */
  public App withKey(String newHash, Instant now, Duration overlap) {
    Optional<PreviousKey> previous = overlap.isZero() ? Optional.empty() : Optional.of(new PreviousKey(apiKeyHash, now.plus(overlap)));
    return new App(id, name, newHash, createdAt, previous, historyRetention);
  }

  public App withName(String newName) {
    return new App(id, newName, apiKeyHash, createdAt, previousKey, historyRetention);
  }

  public App withHistoryRetention(Optional<Duration> retention) {
    return new App(id, name, apiKeyHash, createdAt, previousKey, retention);
  }

  /** The previous key while its overlap window lasts. */
  public Optional<PreviousKey> previousKeyAt(Instant now) {
    return previousKey.filter(p -> now.isBefore(p.expiresAt()));
  }
}
