package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.auth.ApiKeys;
import io.realcast.webhooks.api.auth.Caller;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.store.Registry;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.subscription.Subscription;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Apps: created by the admin, each with an API key shown once, rotated with an overlap, deleted with its webhooks. */
public final class Apps {
  private final Registry<App> registry;
  private final Webhooks webhooks;
  private final Clock clock;
  private final SecureRandom random;
  private final KeyLocks locks;
  private final OperationalWebhooks operational;

  public Apps(Registry<App> registry, Webhooks webhooks, Clock clock, SecureRandom random) {
    this.registry = registry;
    this.webhooks = webhooks;
    this.clock = clock;
    this.random = random;
    this.locks = webhooks.appLocks();
    this.operational = new OperationalWebhooks(webhooks, clock, random);
  }

  /** A new app and its API key (only its hash is stored). */
  public Created create(String name, Optional<Duration> historyRetention) {
    String key = ApiKeys.generate(random);
    App app = new App(AppId.random(clock), name, ApiKeys.hash(key), clock.instant()).withHistoryRetention(historyRetention);
    registry.put(app.id().value(), app);
    return new Created(app, key);
  }

  /** The app with its new key (shown once); the old one works for {@code overlap} more (zero: revoked now). */
  public Created rotateKey(App app, Duration overlap) {
    return locks.with(app.id().value(), () -> {
      App current = current(app);
      String key = ApiKeys.generate(random);
      App rotated = current.withKey(ApiKeys.hash(key), clock.instant(), overlap);
      registry.put(rotated.id().value(), rotated);
      return new Created(rotated, key);
    });
  }

  /**
   * Applies the given fields. The operational webhook is written under the app's lock, after the app is found, so a
   * racing deletion of the app cannot leave it behind.
   */
  public App update(App app, AppChange change) {
    return locks.with(app.id().value(), () -> {
      App current = current(app);
      if (change.changesRecord()) {
        current = current.withName(change.name().orElse(current.name()))
            .withHistoryRetention(change.historyRetention().orElse(current.historyRetention()));
        registry.put(current.id().value(), current);
      }
      App changed = current;
      change.operationalWebhookUrl().ifPresent(url -> url.ifPresentOrElse(u -> operational.set(changed, u),
          () -> operational.remove(changed)));
      return changed;
    });
  }

  /** The app's operational webhook, if {@code operational_webhook_url} is set. */
  public Optional<Subscription> operationalWebhook(App app) {
    return operational.find(app);
  }

  /**
   * Deletes the app: first every webhook (delivery stops, pending retries are dead-lettered by the deliverer), then
   * the app and its keys. Dead letters stay in Kafka and the history until retention ends. Running it again after a
   * failure half-way finishes the job.
   *
   * @return how many webhooks were deleted
   */
  public int delete(App app) {
    return locks.with(app.id().value(), () -> {
      int deleted = webhooks.deleteAll(app);
      registry.delete(app.id().value());
      return deleted;
    });
  }

  public record Created(App app, String apiKey) {}

  /** The apps {@code caller} may see, oldest first. */
  public List<App> visibleTo(Caller caller) {
    return registry.values().stream().filter(a -> caller.canAccess(a.id()))
        .sorted(Comparator.comparing(App::createdAt).thenComparing(a -> a.id().value())).toList();
  }

  /**
   * The app named by a path parameter, if it exists and {@code caller} may access it; otherwise 404, the
   * same answer for "does not exist" and "belongs to someone else", so ids do not leak.
   */
  public App accessible(Caller caller, String appParam) {
    AppId id;
    try {
      id = AppId.of(appParam);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.notFound("app");
    }
    if (!caller.canAccess(id)) {
      throw ApiProblem.notFound("app");
    }
    return registry.get(id.value()).orElseThrow(() -> ApiProblem.notFound("app"));
  }

  public Optional<App> find(AppId id) {
    return registry.get(id.value());
  }

  public int count() {
    return registry.values().size();
  }

  private App current(App app) {
    return registry.get(app.id().value()).orElseThrow(() -> ApiProblem.notFound("app"));
  }
}
