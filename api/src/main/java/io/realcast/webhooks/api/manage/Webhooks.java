package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.store.Registry;
import io.realcast.webhooks.api.validation.WebhookInput;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.VersionRule;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Webhook subscriptions of an app: the api's writes to realcast.webhooks. Every change is read, checked and
 * written under the webhook's lock by {@link VersionRule}, so concurrent requests cannot lose each other's
 * changes (a rotation is never undone by a racing PATCH) and a deleted webhook stays deleted.
 */
public final class Webhooks {
  private static final int STRIPES = 256;

  private final Registry<Subscription> registry;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration rotationOverlap;
  private final int maxPerApp;
  private final KeyLocks appLocks = new KeyLocks(STRIPES);
  private final KeyLocks webhookLocks = new KeyLocks(STRIPES);

  public Webhooks(Registry<Subscription> registry, Clock clock, SecureRandom random, Duration rotationOverlap, int maxPerApp) {
    this.registry = registry;
    this.clock = clock;
    this.random = random;
    this.rotationOverlap = rotationOverlap;
    this.maxPerApp = maxPerApp;
  }

  /** The locks of apps: creating a webhook and deleting its app exclude each other. */
  KeyLocks appLocks() {
    return appLocks;
  }

  /** A new webhook (version 1), unless the app already has as many as its quota allows (its operational webhook aside). */
  public Subscription create(App app, WebhookInput input) {
    input.requireForCreate();
    return appLocks.with(app.id().value(), () -> {
      if (list(app).stream().filter(s -> !OperationalWebhooks.isOperational(s)).count() >= maxPerApp) {
        throw new ApiProblem(429, "quota_exceeded", "an app may have at most " + maxPerApp
            + " webhooks; delete one before adding another", null);
      }
      Instant now = clock.instant();
      Subscription s = new Subscription(WebhookId.random(clock), app.id(), input.url().orElseThrow(), input.events().orElseThrow(),
          input.enabled().orElse(true), input.description().orElse(""), WebhookSecret.generate(random), Optional.empty(), now,
          now, null, input.options().applyTo(DeliveryOptions.DEFAULTS), VersionRule.FIRST);
      registry.put(s.id().value(), s);
      return s;
    });
  }

  public List<Subscription> list(App app) {
    return registry.values().stream().filter(s -> s.appId().equals(app.id()))
        .sorted(Comparator.comparing(Subscription::createdAt).thenComparing(s -> s.id().value())).toList();
  }

  /** The app's webhook; 404 if it does not exist or belongs to another app. */
  public Subscription get(App app, String webhookParam) {
    return registry.get(id(webhookParam).value()).filter(s -> s.appId().equals(app.id()))
        .orElseThrow(() -> ApiProblem.notFound("webhook"));
  }

  public Optional<Subscription> find(WebhookId id) {
    return registry.get(id.value());
  }

  /**
   * Applies the given fields (delivery options included); enabling again clears the reason the platform disabled it for.
   * The events of the app's operational webhook stay {@link OperationalWebhooks#EVENTS}.
   */
  public Subscription update(App app, String webhookParam, WebhookInput input, IfMatch ifMatch) {
    return change(app, webhookParam, ifMatch, s -> {
      if (OperationalWebhooks.isOperational(s) && input.events().filter(e -> !e.equals(OperationalWebhooks.EVENTS)).isPresent()) {
        throw ApiProblem.invalid("invalid_field", "events", "the app's operational webhook receives webhook.disabled only; "
            + "its URL is the app's operational_webhook_url");
      }
      boolean enabled = input.enabled().orElse(s.enabled());
      return new Subscription(s.id(), s.appId(), input.url().orElse(s.url()), input.events().orElse(s.events()), enabled,
          input.description().orElse(s.description()), s.secret(), s.previousSecret(), s.createdAt(), clock.instant(),
          enabled ? null : s.disabledReason(), input.options().applyTo(s.options()), s.version());
    });
  }

  /** A new secret; the old one keeps signing (as the previous signature) until the overlap window ends. */
  public Subscription rotateSecret(App app, String webhookParam, IfMatch ifMatch) {
    return change(app, webhookParam, ifMatch, s -> {
      Instant now = clock.instant();
      return new Subscription(s.id(), s.appId(), s.url(), s.events(), s.enabled(), s.description(), WebhookSecret.generate(random),
          Optional.of(new Subscription.RotatedSecret(s.secret(), now.plus(rotationOverlap))), s.createdAt(), now,
          s.disabledReason(), s.options(), s.version());
    });
  }

  public void delete(App app, String webhookParam, IfMatch ifMatch) {
    WebhookId id = id(webhookParam);
    webhookLocks.with(id.value(), () -> {
      Subscription stored = current(app, id);
      requireMatch(stored, ifMatch);
      registry.delete(id.value());
      return null;
    });
  }

  /**
   * Writes webhook {@code id} as {@code change} makes it from what is stored (empty: nothing yet), under its lock: a
   * new one as it comes (version 1), a change as the stored version's successor. A change that returns the stored
   * webhook itself writes nothing.
   */
  Subscription put(WebhookId id, Function<Optional<Subscription>, Subscription> change) {
    return webhookLocks.with(id.value(), () -> {
      Optional<Subscription> stored = registry.get(id.value());
      Subscription changed = change.apply(stored);
      if (stored.isPresent() && changed == stored.get()) {
        return changed;
      }
      Subscription written = stored.isPresent() ? VersionRule.successor(stored.get(), s -> changed)
          : changed.withVersion(VersionRule.FIRST);
      registry.put(id.value(), written);
      return written;
    });
  }

  /** Deletes webhook {@code id} if it exists; true if it did. */
  boolean remove(WebhookId id) {
    return webhookLocks.with(id.value(), () -> {
      if (registry.get(id.value()).isEmpty()) {
        return false;
      }
      registry.delete(id.value());
      return true;
    });
  }

  /** Deletes every webhook of {@code app}; returns how many. */
  int deleteAll(App app) {
    int n = 0;
    for (Subscription s : list(app)) {
      webhookLocks.with(s.id().value(), () -> {
        registry.delete(s.id().value());
        return null;
      });
      n++;
    }
    return n;
  }

  public long count(boolean enabled) {
    return registry.values().stream().filter(s -> s.enabled() == enabled).count();
  }

  private Subscription change(App app, String webhookParam, IfMatch ifMatch, UnaryOperator<Subscription> change) {
    WebhookId id = id(webhookParam);
    return webhookLocks.with(id.value(), () -> {
      Subscription stored = current(app, id);
      requireMatch(stored, ifMatch);
      Subscription changed = VersionRule.successor(stored, change);
      registry.put(id.value(), changed);
      return changed;
    });
  }

  /** The stored webhook, read under its lock (never a copy read before the lock was taken). */
  private Subscription current(App app, WebhookId id) {
    return registry.get(id.value()).filter(s -> s.appId().equals(app.id())).orElseThrow(() -> ApiProblem.notFound("webhook"));
  }

  private static void requireMatch(Subscription stored, IfMatch ifMatch) {
    if (!ifMatch.admits(stored.version())) {
      throw new ApiProblem(409, "version_conflict", "the webhook changed since you read it (now version " + stored.version()
          + "); read it again and retry", null);
    }
  }

  private static WebhookId id(String webhookParam) {
    try {
      return WebhookId.of(webhookParam);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.notFound("webhook");
    }
  }
}
