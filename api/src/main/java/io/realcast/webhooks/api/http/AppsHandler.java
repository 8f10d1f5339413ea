package io.realcast.webhooks.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.auth.Caller;
import io.realcast.webhooks.api.manage.AppChange;
import io.realcast.webhooks.api.manage.Apps;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.validation.JsonBodies;
import io.realcast.webhooks.api.validation.WebhookUrls;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /v1/apps}: the admin creates, changes and deletes apps; every key lists the apps it may see; an app rotates
 * its own key and sets its own operational webhook.
 */
final class AppsHandler {
  static final int MAX_NAME = 100;
  /** How long an app may ask the history to keep its deliveries. */
  static final int MAX_RETENTION_DAYS = 365;
  /** The longest overlap a rotation may ask for. */
  static final long MAX_OVERLAP_SECONDS = Duration.ofDays(7).toSeconds();

  static final String OPERATIONAL_URL = "operational_webhook_url";
  /** What an app's own key may change; the other fields of a PATCH need the admin key. */
  private static final Set<String> APP_KEY_FIELDS = Set.of(OPERATIONAL_URL);
  private static final Set<String> PATCH_FIELDS = Set.of("name", "history_retention_days", OPERATIONAL_URL);

  private final Apps apps;
  private final WebhookUrls urls;
  private final Duration keyRotationOverlap;
  private final Clock clock;

  AppsHandler(Apps apps, WebhookUrls urls, Duration keyRotationOverlap, Clock clock) {
    this.apps = apps;
    this.urls = urls;
    this.keyRotationOverlap = keyRotationOverlap;
    this.clock = clock;
  }

  Reply create(RoutingContext ctx, Caller caller) {
    JsonNode body = JsonBodies.object(Bodies.of(ctx), Set.of("name", "history_retention_days"));
    String name = JsonBodies.string(body, "name", MAX_NAME);
    Optional<Duration> retention = retention(body).orElse(Optional.empty());
    return withKey(apps.create(name == null ? "" : name.strip(), retention), 201);
  }

  Reply list(RoutingContext ctx, Caller caller) {
    ObjectNode n = JsonViews.object();
    ArrayNode list = n.putArray("apps");
    apps.visibleTo(caller).forEach(a -> list.add(view(a)));
    return Reply.ok(n);
  }

  Reply get(RoutingContext ctx, Caller caller) {
    return Reply.ok(view(apps.accessible(caller, ctx.pathParam("app"))));
  }

  /**
   * {@code PATCH}: the name and how long the history keeps the app's deliveries (null: the default), admin key only;
   * where {@code webhook.disabled} goes (null: nowhere), the app's own key too.
   */
  Reply update(RoutingContext ctx, Caller caller) {
    App app = apps.accessible(caller, ctx.pathParam("app"));
    JsonNode body = JsonBodies.object(Bodies.of(ctx), PATCH_FIELDS);
    if (!caller.isAdmin()) {
      body.fieldNames().forEachRemaining(field -> {
        if (!APP_KEY_FIELDS.contains(field)) {
          throw new ApiProblem(403, "forbidden", "changing " + field + " needs the admin key; an app's key may change "
              + String.join(", ", APP_KEY_FIELDS), field);
        }
      });
    }
    Optional<String> name = Optional.ofNullable(JsonBodies.string(body, "name", MAX_NAME)).map(String::strip);
    AppChange change = new AppChange(name, retention(body), operationalUrl(body));
    return Reply.ok(view(apps.update(app, change)));
  }

  /** A new key, shown once; the old one keeps working for {@code previous_key_valid_seconds} (default: the setting). */
  Reply rotateKey(RoutingContext ctx, Caller caller) {
    App app = apps.accessible(caller, ctx.pathParam("app"));
    JsonNode body = JsonBodies.object(Bodies.of(ctx), Set.of("previous_key_valid_seconds"));
    Duration overlap = JsonBodies.wholeNumber(body, "previous_key_valid_seconds", 0, MAX_OVERLAP_SECONDS)
        .map(Duration::ofSeconds).orElse(keyRotationOverlap);
    return withKey(apps.rotateKey(app, overlap), 200);
  }

  Reply delete(RoutingContext ctx, Caller caller) {
    App app = apps.accessible(caller, ctx.pathParam("app"));
    JsonBodies.object(Bodies.of(ctx), Set.of());
    apps.delete(app);
    return Reply.noContent();
  }

  private ObjectNode view(App app) {
    return JsonViews.app(app, apps.operationalWebhook(app), clock.instant());
  }

  private Reply withKey(Apps.Created created, int status) {
    ObjectNode n = view(created.app());
    n.put("api_key", created.apiKey());
    return new Reply(status, n, Map.of());
  }

  /** Empty: not given; a value: a checked URL, or none (null) to remove the operational webhook. */
  private Optional<Optional<String>> operationalUrl(JsonNode body) {
    if (!body.has(OPERATIONAL_URL)) {
      return Optional.empty();
    }
    String url = JsonBodies.string(body, OPERATIONAL_URL, WebhookUrls.MAX_LENGTH);
    return Optional.of(Optional.ofNullable(url).map(u -> urls.check(u, OPERATIONAL_URL)));
  }

  /** Empty: not given; a value: days, or none (null) for the default. */
  private static Optional<Optional<Duration>> retention(JsonNode body) {
    if (!body.has("history_retention_days")) {
      return Optional.empty();
    }
    if (body.get("history_retention_days").isNull()) {
      return Optional.of(Optional.empty());
    }
    long days = JsonBodies.wholeNumber(body, "history_retention_days", 1, MAX_RETENTION_DAYS)
        .orElseThrow(() -> ApiProblem.invalid("invalid_type", "history_retention_days", "history_retention_days must be a number"));
    return Optional.of(Optional.of(Duration.ofDays(days)));
  }
}
