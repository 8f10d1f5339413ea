package io.realcast.webhooks.api.auth;

import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.id.AppId;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a bearer key to its {@link Caller}. Keys are compared as SHA-256 digests with
 * {@link java.security.MessageDigest#isEqual}: the admin key's digest is kept, never the key, and app keys
 * are found through an index of their digests (a hash-table probe on a digest reveals nothing usable about
 * the key), then compared in constant time. After a rotation an app has two keys; the previous one is accepted
 * until its overlap window ends.
 */
public final class Authenticator {
  private final byte[] adminDigest;
  private final Clock clock;
  private final Map<String, AppId> appsByKeyHash = new ConcurrentHashMap<>();
  private final Map<AppId, App> apps = new ConcurrentHashMap<>();

  public Authenticator(String adminKey, Clock clock) {
    this.adminDigest = ApiKeys.sha256(adminKey);
    this.clock = clock;
  }

  /** Keeps the index in step with {@code realcast.apps}; called by the apps view on every change. */
  public void onApp(String key, Optional<App> app) {
    AppId id;
    try {
      id = AppId.of(key);
    } catch (IllegalArgumentException e) {
      // A record with a malformed key cannot belong to an app; it must not stop the view either.
      return;
    }
    App old = apps.remove(id);
    if (old != null) {
      appsByKeyHash.remove(old.apiKeyHash(), id);
      old.previousKey().ifPresent(p -> appsByKeyHash.remove(p.hash(), id));
    }
    app.ifPresent(a -> {
      apps.put(id, a);
      appsByKeyHash.put(a.apiKeyHash(), id);
      a.previousKey().ifPresent(p -> appsByKeyHash.put(p.hash(), id));
    });
  }

  /** The caller for an {@code Authorization} header value, or empty when it is missing, unknown or expired. */
  public Optional<Caller> authenticate(String authorization) {
    Optional<String> key = bearer(authorization);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    byte[] digest = ApiKeys.sha256(key.get());
    if (ApiKeys.sameDigest(digest, adminDigest)) {
      return Optional.of(new Caller.Admin());
    }
    String hex = HexFormat.of().formatHex(digest);
    AppId id = appsByKeyHash.get(hex);
    App app = id == null ? null : apps.get(id);
    if (app == null) {
      return Optional.empty();
    }
    boolean current = ApiKeys.sameDigest(HexFormat.of().parseHex(app.apiKeyHash()), digest);
    boolean previous = app.previousKeyAt(clock.instant()).map(p -> ApiKeys.sameDigest(HexFormat.of().parseHex(p.hash()), digest))
        .orElse(false);
    return current || previous ? Optional.of(new Caller.OfApp(id)) : Optional.empty();
  }

  /** The key of {@code Bearer <key>} (scheme case-insensitive, RFC 7235). */
  static Optional<String> bearer(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.trim();
    if (value.length() <= 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String key = value.substring(7).trim();
    return key.isEmpty() || key.length() > 512 ? Optional.empty() : Optional.of(key);
  }
}
