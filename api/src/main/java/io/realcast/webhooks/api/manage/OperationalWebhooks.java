package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.VersionRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The app setting {@code operational_webhook_url} (docs/RECEIVING.md, "Operational events"): one subscription of the app to {@code webhook.disabled},
 * which the deliverer signs and sends like any webhook when the platform disables another webhook of the app.
 *
 * <p>Its id is derived from the app's, so an app has at most one, setting the URL again (after a failed request, on
 * another api instance) finds the same subscription instead of adding a second, and nothing but the subscription itself
 * needs storing. Setting the URL creates it or changes its URL (enabling it again); removing the setting deletes it.
 */
public final class OperationalWebhooks {
  public static final Set<WebhookEventType> EVENTS = Set.of(WebhookEventType.WEBHOOK_DISABLED);
  static final String DESCRIPTION = "Operational webhook (the app's operational_webhook_url)";
  private static final String ID_PREFIX = "ops_";

  private final Webhooks webhooks;
  private final Clock clock;
  private final SecureRandom random;

  public OperationalWebhooks(Webhooks webhooks, Clock clock, SecureRandom random) {
    this.webhooks = webhooks;
    this.clock = clock;
    this.random = random;
  }

  /** The id of {@code app}'s operational webhook: {@code wh_ops_} and 32 hex digits of a hash of the app id. */
  public static WebhookId idOf(AppId app) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(("operational\0" + app.value()).getBytes(StandardCharsets.UTF_8));
      return WebhookId.of(WebhookId.PREFIX + ID_PREFIX + HexFormat.of().formatHex(digest, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /** Whether {@code s} is its app's operational webhook (the one the setting manages). */
  public static boolean isOperational(Subscription s) {
    return s.id().equals(idOf(s.appId()));
  }

  public Optional<Subscription> find(App app) {
    return webhooks.find(idOf(app.id())).filter(s -> s.appId().equals(app.id()));
  }

  /**
   * Points the app's operational webhook at {@code url}: a new subscription (version 1, a fresh secret), or the next
   * version of the existing one with that URL, enabled. Nothing is written when it already is exactly that. The caller
   * holds the app's lock, so the app cannot be deleted meanwhile.
   */
  Subscription set(App app, String url) {
    WebhookId id = idOf(app.id());
    return webhooks.put(id, stored -> stored.map(s -> pointedAt(s, url)).orElseGet(() -> {
      Instant now = clock.instant();
      return new Subscription(id, app.id(), url, EVENTS, true, DESCRIPTION, WebhookSecret.generate(random), Optional.empty(),
          now, now, null, DeliveryOptions.DEFAULTS, VersionRule.FIRST);
    }));
  }

  /** Deletes the app's operational webhook, if it has one. The caller holds the app's lock. */
  boolean remove(App app) {
    return webhooks.remove(idOf(app.id()));
  }

  /** {@code s} with {@code url}, enabled; {@code s} itself when that is what it is already (no write). */
  private Subscription pointedAt(Subscription s, String url) {
    if (s.url().equals(url) && s.enabled() && s.events().equals(EVENTS)) {
      return s;
    }
    return new Subscription(s.id(), s.appId(), url, EVENTS, true, s.description(), s.secret(), s.previousSecret(), s.createdAt(),
        clock.instant(), null, s.options(), s.version());
  }
}
