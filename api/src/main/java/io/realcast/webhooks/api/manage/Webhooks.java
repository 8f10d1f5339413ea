package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.store.Registry;
import io.realcast.webhooks.api.validation.WebhookInput;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.Subscription;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Webhook subscriptions of an app: the only writer of realcast.webhooks. */
public final class Webhooks {
  private final Registry<Subscription> registry;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration rotationOverlap;

  public Webhooks(Registry<Subscription> registry, Clock clock, SecureRandom random, Duration rotationOverlap) {
    this.registry = registry;
    this.clock = clock;
    this.random = random;
    this.rotationOverlap = rotationOverlap;
  }

  public Subscription create(App app, WebhookInput input) {
    input.requireForCreate();
    Instant now = clock.instant();
    Subscription s = new Subscription(WebhookId.random(clock), app.id(), input.url().orElseThrow(), input.events().orElseThrow(),
        input.enabled().orElse(true), input.description().orElse(""), WebhookSecret.generate(random), Optional.empty(), now,
        now, null);
    registry.put(s.id().value(), s);
    return s;
  }

  public List<Subscription> list(App app) {
    return registry.values().stream().filter(s -> s.appId().equals(app.id()))
        .sorted(Comparator.comparing(Subscription::createdAt).thenComparing(s -> s.id().value())).toList();
  }

  /** The app's webhook; 404 if it does not exist or belongs to another app. */
  public Subscription get(App app, String webhookParam) {
    WebhookId id;
    try {
      id = WebhookId.of(webhookParam);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.notFound("webhook");
    }
    return registry.get(id.value()).filter(s -> s.appId().equals(app.id())).orElseThrow(() -> ApiProblem.notFound("webhook"));
  }

  public Optional<Subscription> find(WebhookId id) {
    return registry.get(id.value());
  }

  /** Applies the given fields; enabling again clears the reason the platform disabled it for. */
  public Subscription update(Subscription s, WebhookInput input) {
    boolean enabled = input.enabled().orElse(s.enabled());
    String disabledReason = enabled ? null : s.disabledReason();
    Subscription changed = new Subscription(s.id(), s.appId(), input.url().orElse(s.url()), input.events().orElse(s.events()),
        enabled, input.description().orElse(s.description()), s.secret(), s.previousSecret(), s.createdAt(), clock.instant(),
        disabledReason);
    registry.put(changed.id().value(), changed);
    return changed;
  }

  public void delete(Subscription s) {
    registry.delete(s.id().value());
  }

  /** A new secret; the old one keeps signing (as the previous signature) until the overlap window ends. */
  public Subscription rotateSecret(Subscription s) {
    Instant now = clock.instant();
    Subscription rotated = new Subscription(s.id(), s.appId(), s.url(), s.events(), s.enabled(), s.description(),
        WebhookSecret.generate(random), Optional.of(new Subscription.RotatedSecret(s.secret(), now.plus(rotationOverlap))),
        s.createdAt(), now, s.disabledReason());
    registry.put(rotated.id().value(), rotated);
    return rotated;
  }

  /** Writes {@code s} disabled, as the platform (not the user) decided. */
  public void disable(Subscription s, String reason) {
    registry.put(s.id().value(), s.disabled(reason, clock.instant()));
  }

  public long count(boolean enabled) {
    return registry.values().stream().filter(s -> s.enabled() == enabled).count();
  }
}
