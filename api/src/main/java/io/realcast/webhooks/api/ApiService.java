package io.realcast.webhooks.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.api.auth.Authenticator;
import io.realcast.webhooks.api.history.History;
import io.realcast.webhooks.api.history.RetentionPolicy;
import io.realcast.webhooks.api.history.internal.HistoryCluster;
import io.realcast.webhooks.api.history.internal.HistoryStreams;
import io.realcast.webhooks.api.history.internal.HistoryWiring;
import io.realcast.webhooks.api.history.internal.HttpTransport;
import io.realcast.webhooks.api.history.internal.InternalEndpoint;
import io.realcast.webhooks.api.history.internal.LocalNode;
import io.realcast.webhooks.api.http.HttpApi;
import io.realcast.webhooks.api.manage.Apps;
import io.realcast.webhooks.api.manage.Deliveries;
import io.realcast.webhooks.api.manage.RateLimits;
import io.realcast.webhooks.api.manage.Replays;
import io.realcast.webhooks.api.manage.Webhooks;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.store.AppCodec;
import io.realcast.webhooks.api.store.FailingWebhooks;
import io.realcast.webhooks.api.store.KafkaWriter;
import io.realcast.webhooks.api.store.RecordFetcher;
import io.realcast.webhooks.api.store.Registry;
import io.realcast.webhooks.api.validation.ResolvingTargetCheck;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.api.validation.WebhookUrls;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.kafka.CompactedTopicView;
import io.realcast.webhooks.metrics.OpsServer;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.subscription.WebhookHealth;
import io.realcast.webhooks.topic.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The api service: REST API, dashboard, /metrics and /health. Reads the registries of apps and webhooks from
 * Kafka at start, runs its share of the delivery history (a Kafka Streams application every api instance joins),
 * serves from those and writes through Kafka.
 */
public final class ApiService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiService.class);
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

  private final ApiConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  private final TargetCheck targetCheck;
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private volatile Vertx vertx;
  private volatile HttpServer server;
  private OpsServer opsServer;
  private CompactedTopicView<App> appsView;
  private CompactedTopicView<Subscription> webhooksView;
  private CompactedTopicView<WebhookHealth> healthView;
  private HistoryStreams historyStreams;
  private History history;
  private List<String> routes = List.of();

  public ApiService(ApiConfig config, MeterRegistry registry, Clock clock) {
    this(config, registry, clock, config.allowPrivateTargets() ? TargetCheck.ALLOW_ALL : ResolvingTargetCheck.publicOnly());
  }

  /** With an explicit target policy (tests refuse private targets without DNS). */
  public ApiService(ApiConfig config, MeterRegistry registry, Clock clock, TargetCheck targetCheck) {
    this.config = config;
    this.registry = registry;
    this.clock = clock;
    this.targetCheck = targetCheck;
  }

  /**
   * Loads apps and webhooks, starts serving, then starts the history; returns without waiting for the history to
   * restore (its routes answer 503 until then: {@link #awaitHistory}).
   */
  public synchronized ApiService start() throws TimeoutException {
    KafkaSettings kafka = config.kafka();
    Topics topics = kafka.topics();
    String instance = UUID.randomUUID().toString().substring(0, 8);
    ApiMetrics metrics = new ApiMetrics(registry);
    Authenticator auth = new Authenticator(config.adminKey(), clock);
    SecureRandom random = new SecureRandom();

    KafkaWriter writer = closing(new KafkaWriter(new KafkaProducer<>(kafka.producerProperties("realcast-api-" + instance)),
        config.writeTimeout()));
    appsView = closing(new CompactedTopicView<>(topics.apps(), consumer(kafka, "apps-" + instance), AppCodec::decode,
        auth::onApp)).start(LOAD_TIMEOUT);
    webhooksView = closing(new CompactedTopicView<>(topics.webhooks(), consumer(kafka, "webhooks-" + instance),
        SubscriptionCodec::decode)).start(LOAD_TIMEOUT);
    healthView = closing(new CompactedTopicView<>(topics.webhookHealth(), consumer(kafka, "health-" + instance),
        WebhookHealth::decode)).start(LOAD_TIMEOUT);
    Webhooks webhooks = new Webhooks(new Registry<>(topics.webhooks(), webhooksView, writer, SubscriptionCodec::encode), clock,
        random, config.rotationOverlap(), config.quotas().webhooksPerApp());
    Apps apps = new Apps(new Registry<>(topics.apps(), appsView, writer, AppCodec::encode), webhooks, clock, random);
    RecordFetcher fetcher = closing(new RecordFetcher(consumer(kafka, "fetch-" + instance), config.writeTimeout()));

    RetentionPolicy retention = app -> apps.find(app).flatMap(App::historyRetention).orElse(config.history().retention());
    historyStreams = closing(new HistoryStreams(config.history(), kafka,
        new HistoryWiring(topics, retention, metrics, config.history().evictEvery()), registry));
    LocalNode local = new LocalNode(historyStreams);
    vertx = Vertx.vertx();
    HttpTransport transport = closing(new HttpTransport(vertx, config.adminKey(), config.writeTimeout()));
    history = new HistoryCluster(historyStreams, local, transport, topics.deliveries(), fetcher.partitionCount(topics.deliveries()),
        config.history().scanBudget(), clock);
    Deliveries deliveries = new Deliveries(topics, writer, history, fetcher, clock, id -> webhooks.find(id).isPresent());
    Replays replays = new Replays(topics, history, writer, fetcher, config.history().maxReplay());
    metrics.gauges(() -> webhooks.count(true), () -> webhooks.count(false), apps::count, () -> local.lag().unfinished(),
        () -> local.lag().oldestSince().map(t -> Math.max(0, Duration.between(t, clock.instant()).toSeconds())).orElse(0L));

    HttpApi api = new HttpApi(new HttpApi.Services(auth, apps, webhooks, new FailingWebhooks(healthView), deliveries, replays,
        history, new InternalEndpoint(local), new RateLimits(config.quotas(), clock), new WebhookUrls(targetCheck), metrics, clock,
        config.keyRotationOverlap(), config.http().requestTimeout()));
    boolean separateMetrics = config.http().metricsPort().isPresent() && registry instanceof PrometheusMeterRegistry;
    Router router = api.router(vertx, registry, this::isHealthy, history::isReady, !separateMetrics);
    routes = HttpApi.describe(router);
    HttpServerOptions options = new HttpServerOptions().setIdleTimeout((int) config.http().idleTimeout().toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    try {
      server = vertx.createHttpServer(options).requestHandler(router)
          .listen(config.port(), config.host()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    if (separateMetrics) {
      opsServer = OpsServer.start(vertx, config.http().metricsHost(), config.http().metricsPort().getAsInt(),
          (PrometheusMeterRegistry) registry, this::isHealthy);
    }
    historyStreams.start(new HostInfo(config.http().advertised(), server.actualPort()));
    LOG.info("API and dashboard on http://{}:{}/ (private targets {})", config.host(), server.actualPort(),
        config.allowPrivateTargets() ? "allowed" : "refused");
    return this;
  }

  /** Waits until the history answers searches (its partitions restored and running). */
  public void awaitHistory(Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!history.isReady()) {
      if (System.nanoTime() > deadline || !historyStreams.isHealthy()) {
        throw new TimeoutException("the delivery history is not ready after " + timeout + " (" + historyStreams.state() + ")");
      }
      try {
        Thread.sleep(50); // polling a state with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TimeoutException("interrupted");
      }
    }
  }

  /** The port the server listens on (useful with port 0). */
  public int port() {
    return server.actualPort();
  }

  /** The port of /metrics when it has its own ({@code REALCAST_API_METRICS_PORT}), else the API port. */
  public int metricsPort() {
    return opsServer == null ? port() : opsServer.port();
  }

  /** The API's routes as {@code METHOD /v1/path/{param}}. */
  public List<String> routes() {
    return routes;
  }

  public boolean isHealthy() {
    return server != null && appsView.isHealthy() && webhooksView.isHealthy() && healthView.isHealthy()
        && historyStreams.isHealthy();
  }

  private KafkaConsumer<String, byte[]> consumer(KafkaSettings kafka, String name) {
    return new KafkaConsumer<>(kafka.consumerProperties("realcast-api-" + name, null));
  }

  private <T extends AutoCloseable> T closing(T closeable) {
    closeables.push(closeable);
    return closeable;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
    if (opsServer != null) {
      opsServer.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        LOG.warn("Error while closing: {}", e.toString());
      }
    }
  }
}
