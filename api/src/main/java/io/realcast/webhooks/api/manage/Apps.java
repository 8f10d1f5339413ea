package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.auth.ApiKeys;
import io.realcast.webhooks.api.auth.Caller;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.store.Registry;
import io.realcast.webhooks.id.AppId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/** Apps: created by the admin, each with an API key shown once. */
public final class Apps {
  private final Registry<App> registry;
  private final Clock clock;
  private final SecureRandom random;

  public Apps(Registry<App> registry, Clock clock, SecureRandom random) {
    this.registry = registry;
    this.clock = clock;
    this.random = random;
  }

  /** A new app and its API key (only its hash is stored). */
  public Created create(String name) {
    String key = ApiKeys.generate(random);
    App app = new App(AppId.random(clock), name, ApiKeys.hash(key), clock.instant());
    registry.put(app.id().value(), app);
    return new Created(app, key);
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

  public int count() {
    return registry.values().size();
  }
}
