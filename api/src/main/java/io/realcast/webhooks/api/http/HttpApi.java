package io.realcast.webhooks.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.api.ApiMetrics;
import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.auth.Authenticator;
import io.realcast.webhooks.api.auth.Caller;
import io.realcast.webhooks.api.history.History;
import io.realcast.webhooks.api.history.HistoryUnavailableException;
import io.realcast.webhooks.api.history.internal.InternalEndpoint;
import io.realcast.webhooks.api.manage.Apps;
import io.realcast.webhooks.api.manage.Deliveries;
import io.realcast.webhooks.api.manage.RateLimits;
import io.realcast.webhooks.api.manage.Replays;
import io.realcast.webhooks.api.manage.Webhooks;
import io.realcast.webhooks.api.store.FailingWebhooks;
import io.realcast.webhooks.api.store.StoreUnavailableException;
import io.realcast.webhooks.api.validation.WebhookUrls;
import io.realcast.webhooks.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing table of the API: which path and method reach which handler, who may call it, and how
 * answers and errors are written. No business logic lives here.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  /** Request bodies are capped; larger ones get 413 before any handler runs. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  private static final String ROUTE_KEY = "realcast.route";
  /** How soon to ask again when the history is restoring or rebalancing. */
  private static final long HISTORY_RETRY_SECONDS = 2;

  private final Authenticator auth;
  private final ApiMetrics metrics;
  private final AppsHandler apps;
  private final WebhooksHandler webhooks;
  private final SecretsHandler secrets;
  private final DeliveriesHandler deliveries;
  private final EventTypesHandler eventTypes;
  private final InternalEndpoint internal;
  private final Duration requestTimeout;
  private final Buffer openApi;

  /** The services behind the routes. */
  public record Services(Authenticator auth, Apps apps, Webhooks webhooks, FailingWebhooks failing, Deliveries deliveries,
      Replays replays, History history, InternalEndpoint internal, RateLimits limits, WebhookUrls urls, ApiMetrics metrics,
      Clock clock, Duration keyRotationOverlap, Duration requestTimeout) {}

  public HttpApi(Services s) {
    this.auth = s.auth();
    this.metrics = s.metrics();
    this.apps = new AppsHandler(s.apps(), s.urls(), s.keyRotationOverlap(), s.clock());
    this.webhooks = new WebhooksHandler(s.apps(), s.webhooks(), s.failing(), s.urls(), s.metrics());
    this.secrets = new SecretsHandler(s.apps(), s.webhooks(), s.clock());
    this.deliveries = new DeliveriesHandler(s.apps(), s.webhooks(), s.deliveries(), s.replays(), s.history(), s.limits(),
        s.metrics(), s.clock());
    this.eventTypes = new EventTypesHandler(s.clock());
    this.internal = s.internal();
    this.requestTimeout = s.requestTimeout();
    this.openApi = Buffer.buffer(resource("openapi.json"));
  }

  /**
   * @param healthy liveness: the process serves the API ({@code /health})
   * @param ready readiness: the delivery history answers searches too ({@code /ready})
   * @param metricsHere whether {@code /metrics} is served on this router (false when it has a port of its own)
   */
  public Router router(Vertx vertx, MeterRegistry registry, BooleanSupplier healthy, BooleanSupplier ready, boolean metricsHere) {
    Router router = Router.router(vertx);
    router.route().handler(this::measure);
    router.route().handler(TimeoutHandler.create(requestTimeout.toMillis(), 503));
    String app = "/v1/apps/:app";
    String webhook = app + "/webhooks/:webhook";
    api(router, HttpMethod.POST, "/v1/apps", Access.ADMIN, apps::create);
    api(router, HttpMethod.GET, "/v1/apps", Access.ANY_KEY, apps::list);
    api(router, HttpMethod.GET, app, Access.ANY_KEY, apps::get);
    api(router, HttpMethod.PATCH, app, Access.ANY_KEY, apps::update);
    api(router, HttpMethod.DELETE, app, Access.ADMIN, apps::delete);
    api(router, HttpMethod.POST, app + "/keys/rotate", Access.ANY_KEY, apps::rotateKey);
    api(router, HttpMethod.GET, app + "/webhooks", Access.ANY_KEY, webhooks::list);
    api(router, HttpMethod.POST, app + "/webhooks", Access.ANY_KEY, webhooks::create);
    api(router, HttpMethod.GET, webhook, Access.ANY_KEY, webhooks::get);
    api(router, HttpMethod.PATCH, webhook, Access.ANY_KEY, webhooks::update);
    api(router, HttpMethod.DELETE, webhook, Access.ANY_KEY, webhooks::delete);
    api(router, HttpMethod.GET, webhook + "/secret", Access.ANY_KEY, secrets::get);
    api(router, HttpMethod.POST, webhook + "/secret/rotate", Access.ANY_KEY, secrets::rotate);
    api(router, HttpMethod.POST, webhook + "/test", Access.ANY_KEY, deliveries::test);
    api(router, HttpMethod.GET, webhook + "/deliveries", Access.ANY_KEY, deliveries::list);
    api(router, HttpMethod.GET, webhook + "/stats", Access.ANY_KEY, deliveries::stats);
    api(router, HttpMethod.GET, webhook + "/series", Access.ANY_KEY, deliveries::series);
    api(router, HttpMethod.POST, webhook + "/replay", Access.ANY_KEY, deliveries::replay);
    api(router, HttpMethod.POST, webhook + "/recover", Access.ANY_KEY, deliveries::recover);
    api(router, HttpMethod.GET, app + "/deliveries", Access.ANY_KEY, deliveries::listApp);
    api(router, HttpMethod.POST, app + "/deliveries/:delivery/redeliver", Access.ANY_KEY, deliveries::redeliver);
    api(router, HttpMethod.GET, "/v1/event-types", Access.ANY_KEY, eventTypes::list);
    // Between api instances only (admin key): questions about the history partitions this instance runs.
    api(router, HttpMethod.POST, InternalEndpoint.PATH + ":operation", Access.ADMIN, this::internal);
    router.get("/v1/openapi.json").handler(ctx -> {
      ctx.put(ROUTE_KEY, "/v1/openapi.json");
      ctx.response().putHeader("Content-Type", "application/json").end(openApi);
    });
    router.get("/health").handler(ctx -> {
      ctx.put(ROUTE_KEY, "/health");
      boolean up = healthy.getAsBoolean();
      ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
          .end(up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
    });
    router.get("/ready").handler(ctx -> {
      ctx.put(ROUTE_KEY, "/ready");
      boolean up = healthy.getAsBoolean() && ready.getAsBoolean();
      ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
          .end(up ? "{\"status\":\"READY\"}" : "{\"status\":\"NOT_READY\"}");
    });
    if (metricsHere) {
      router.get("/metrics").handler(ctx -> {
        ctx.put(ROUTE_KEY, "/metrics");
        if (registry instanceof PrometheusMeterRegistry prometheus) {
          ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(prometheus.scrape());
        } else {
          ctx.response().setStatusCode(404).end();
        }
      });
    }
    router.get("/*").handler(StaticHandler.create("dashboard").setIndexPage("index.html").setCachingEnabled(false));
    router.errorHandler(404, ctx -> error(ctx, 404, "no_route", "no such route: " + ctx.request().method() + " " + ctx.request().path(), null));
    router.errorHandler(405, ctx -> error(ctx, 405, "method_not_allowed", ctx.request().method() + " is not allowed here", null));
    router.errorHandler(413, ctx -> error(ctx, 413, "body_too_large", "the request body must be at most " + MAX_BODY_BYTES + " bytes", null));
    router.errorHandler(503, ctx -> {
      ctx.response().putHeader("Retry-After", "5");
      error(ctx, 503, "timeout", "the request took longer than " + readable(requestTimeout) + "; try again", null);
    });
    router.errorHandler(500, ctx -> {
      LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
      error(ctx, 500, "internal", "internal error", null);
    });
    return router;
  }

  /** Every public route of the API as {@code METHOD /path/{param}}: what the OpenAPI test compares with the document. */
  public static List<String> describe(Router router) {
    List<String> routes = new ArrayList<>();
    for (Route r : router.getRoutes()) {
      if (r.getPath() != null && r.getPath().startsWith("/v1/")) {
        r.methods().forEach(m -> routes.add(m.name() + " " + r.getPath().replaceAll(":([a-z]+)", "{$1}")));
      }
    }
    return routes.stream().distinct().sorted().toList();
  }

  private Reply internal(RoutingContext ctx, Caller caller) {
    String operation = ctx.pathParam("operation");
    if (!InternalEndpoint.OPERATIONS.contains(operation)) {
      throw ApiProblem.notFound("history operation");
    }
    byte[] answer;
    try {
      answer = internal.handle(operation, Bodies.of(ctx));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalid("malformed_json", null, e.getMessage());
    }
    return Reply.ok(Json.readTree(answer));
  }

  private void api(Router router, HttpMethod method, String path, Access access, Endpoint endpoint) {
    String template = path.replaceAll(":([a-z]+)", "{$1}");
    router.route(method, path)
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .handler(ctx -> {
          ctx.put(ROUTE_KEY, template);
          ctx.next();
        })
        .blockingHandler(ctx -> run(ctx, access, endpoint), false);
  }

  private void run(RoutingContext ctx, Access access, Endpoint endpoint) {
    try {
      Optional<Caller> caller = auth.authenticate(ctx.request().getHeader("Authorization"));
      if (caller.isEmpty()) {
        metrics.authFailure(ctx.request().getHeader("Authorization") == null ? "missing" : "unknown");
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"realcast\"");
        error(ctx, 401, "unauthorized", "send Authorization: Bearer <admin key or app API key>", null);
        return;
      }
      if (access == Access.ADMIN && !caller.get().isAdmin()) {
        error(ctx, 403, "forbidden", "this operation needs the admin key", null);
        return;
      }
      Reply reply = endpoint.handle(ctx, caller.get());
      if (ctx.response().ended()) {
        return; // the request timed out meanwhile and was answered 503
      }
      reply.headers().forEach((name, value) -> ctx.response().putHeader(name, value));
      write(ctx, reply.status(), reply.body());
    } catch (ApiProblem p) {
      p.retryAfterSeconds().ifPresent(s -> ctx.response().putHeader("Retry-After", Long.toString(s)));
      error(ctx, p.status(), p.code(), p.getMessage(), p.field());
    } catch (HistoryUnavailableException e) {
      LOG.debug("History unavailable on {} {}: {}", ctx.request().method(), ctx.request().path(), e.getMessage());
      ctx.response().putHeader("Retry-After", Long.toString(HISTORY_RETRY_SECONDS));
      error(ctx, 503, "history_unavailable", "the delivery history is loading or moving between api instances; try again shortly",
          null);
    } catch (StoreUnavailableException e) {
      LOG.warn("Kafka unavailable on {} {}: {}", ctx.request().method(), ctx.request().path(), e.getMessage());
      error(ctx, 503, "unavailable", "Kafka did not confirm the write in time; try again", null);
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), e);
      error(ctx, 500, "internal", "internal error", null);
    }
  }

  private void measure(RoutingContext ctx) {
    long start = System.nanoTime();
    // The dashboard loads only its own files; nothing may frame it or sniff types.
    ctx.response().putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.addHeadersEndHandler(v -> {
      String route = ctx.get(ROUTE_KEY);
      metrics.request(route == null ? "other" : route, ctx.request().method().name(), ctx.response().getStatusCode(),
          Duration.ofNanos(System.nanoTime() - start));
    });
    ctx.next();
  }

  private static void error(RoutingContext ctx, int status, String code, String message, String field) {
    write(ctx, status, JsonViews.error(code, message, field));
  }

  private static void write(RoutingContext ctx, int status, JsonNode body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Cache-Control", "no-store");
    if (body == null) {
      ctx.response().end();
    } else {
      ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(Json.toBytes(body)));
    }
  }

  /** Whole seconds when the timeout is, else milliseconds: a 300 ms timeout is not "0 s". */
  private static String readable(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static byte[] resource(String name) {
    try (InputStream in = HttpApi.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
