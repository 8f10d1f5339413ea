package io.realcast.webhooks.subscription;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.WebhookSecret;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A webhook subscription as stored in the compacted topic {@code realcast.webhooks} (key: webhook id).
 * The API writes it; the deliverer too, only to disable a webhook the platform gave up on. The router reads it to fan
 * out, the deliverer to sign and send.
 *
 * @param previousSecret the secret before the last rotation, still signed with until it expires
 * @param disabledReason why the platform disabled it (e.g. the endpoint answered 410), or null
 * @param options how its deliveries are sent: ordering, pace, concurrency, extra headers
 * @param version 1 for a new webhook, +1 per change ({@link VersionRule}); 0 for records written before versions
 */
public record Subscription(
    WebhookId id,
    AppId appId,
    String url,
    Set<WebhookEventType> events,
    boolean enabled,
    String description,
    WebhookSecret secret,
    Optional<RotatedSecret> previousSecret,
    Instant createdAt,
    Instant updatedAt,
    String disabledReason,
    DeliveryOptions options,
    long version) {

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(appId, "app_id");
    Objects.requireNonNull(url, "url");
    events = Set.copyOf(events);
    description = description == null ? "" : description;
    Objects.requireNonNull(secret, "secret");
    previousSecret = previousSecret == null ? Optional.empty() : previousSecret;
    Objects.requireNonNull(createdAt, "created_at");
    Objects.requireNonNull(updatedAt, "updated_at");
    options = options == null ? DeliveryOptions.DEFAULTS : options;
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
  }

  /** A subscription with the default delivery options, as the integration guide describes one; version 0. */
  public Subscription(WebhookId id, AppId appId, String url, Set<WebhookEventType> events, boolean enabled, String description,
      WebhookSecret secret, Optional<RotatedSecret> previousSecret, Instant createdAt, Instant updatedAt, String disabledReason) {
    this(id, appId, url, events, enabled, description, secret, previousSecret, createdAt, updatedAt, disabledReason,
        DeliveryOptions.DEFAULTS);
  }

  /** A subscription without a version (as records written before versions read): version 0. */
  public Subscription(WebhookId id, AppId appId, String url, Set<WebhookEventType> events, boolean enabled, String description,
      WebhookSecret secret, Optional<RotatedSecret> previousSecret, Instant createdAt, Instant updatedAt, String disabledReason,
      DeliveryOptions options) {
    this(id, appId, url, events, enabled, description, secret, previousSecret, createdAt, updatedAt, disabledReason, options,
        VersionRule.UNVERSIONED);
  }

  /** A secret replaced by a rotation, with the end of its overlap window. */
  public record RotatedSecret(WebhookSecret secret, Instant expiresAt) {}

  public boolean wants(WebhookEventType type) {
    return enabled && events.contains(type);
  }

  /** The previous secret while its overlap window lasts. */
  public Optional<WebhookSecret> previousSecretAt(Instant now) {
    return previousSecret.filter(p -> now.isBefore(p.expiresAt())).map(RotatedSecret::secret);
  }

  /** This subscription disabled by the platform: a change, so the next version ({@link VersionRule}). */
  public Subscription disabled(String reason, Instant at) {
    return new Subscription(id, appId, url, events, false, description, secret, previousSecret, createdAt, at, reason, options,
        version + 1);
  }

  /** The same subscription with another version: what {@link VersionRule#successor} stamps on a change. */
  public Subscription withVersion(long newVersion) {
    return new Subscription(id, appId, url, events, enabled, description, secret, previousSecret, createdAt, updatedAt,
        disabledReason, options, newVersion);
  }
}
