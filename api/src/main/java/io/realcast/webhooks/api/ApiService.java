package io.realcast.webhooks.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.realcast.webhooks.api.auth.Authenticator;
import io.realcast.webhooks.api.http.HttpApi;
import io.realcast.webhooks.api.log.DeliveryLog;
import io.realcast.webhooks.api.log.LogTail;
import io.realcast.webhooks.api.log.RecordFetcher;
import io.realcast.webhooks.api.manage.Apps;
import io.realcast.webhooks.api.manage.Deliveries;
import io.realcast.webhooks.api.manage.GoneDisabler;
import io.realcast.webhooks.api.manage.Webhooks;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.store.AppCodec;
import io.realcast.webhooks.api.store.KafkaWriter;
import io.realcast.webhooks.api.store.Registry;
import io.realcast.webhooks.api.validation.ResolvingTargetCheck;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.api.validation.WebhookUrls;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.kafka.CompactedTopicView;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.topic.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The api service: REST API, dashboard, /metrics and /health on one port. Reads the registries of apps and
 * webhooks and the delivery log from Kafka at start, then serves from memory and writes through Kafka.
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
  private CompactedTopicView<App> appsView;
  private CompactedTopicView<Subscription> webhooksView;
  private LogTail tail;
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

  public synchronized ApiService start() throws TimeoutException {
    KafkaSettings kafka = config.kafka();
    Topics topics = kafka.topics();
    String instance = UUID.randomUUID().toString().substring(0, 8);
    ApiMetrics metrics = new ApiMetrics(registry);
    Authenticator auth = new Authenticator(config.adminKey());
    SecureRandom random = new SecureRandom();

    KafkaWriter writer = closing(new KafkaWriter(new KafkaProducer<>(kafka.producerProperties("realcast-api-" + instance)),
        config.writeTimeout()));
    appsView = closing(new CompactedTopicView<>(topics.apps(), consumer(kafka, "apps-" + instance), AppCodec::decode,
        auth::onApp)).start(LOAD_TIMEOUT);
    webhooksView = closing(new CompactedTopicView<>(topics.webhooks(), consumer(kafka, "webhooks-" + instance),
        SubscriptionCodec::decode)).start(LOAD_TIMEOUT);
    Apps apps = new Apps(new Registry<>(topics.apps(), appsView, writer, AppCodec::encode), clock, random);
    Webhooks webhooks = new Webhooks(new Registry<>(topics.webhooks(), webhooksView, writer, SubscriptionCodec::encode), clock,
        random, config.rotationOverlap());

    GoneDisabler gone = closing(new GoneDisabler(webhooks, metrics));
    DeliveryLog log = new DeliveryLog(clock, config.logRetention(), config.logMaxPerWebhook(), gone::onGone);
    tail = closing(new LogTail(topics, consumer(kafka, "log-" + instance), log, clock, config.logRetention())).start(LOAD_TIMEOUT);
    RecordFetcher fetcher = closing(new RecordFetcher(consumer(kafka, "fetch-" + instance), config.writeTimeout()));
    Deliveries deliveries = new Deliveries(topics, writer, log, tail, fetcher, clock, id -> webhooks.find(id).isPresent());
    metrics.gauges(() -> webhooks.count(true), () -> webhooks.count(false), apps::count, log::size);

    HttpApi api = new HttpApi(new HttpApi.Services(auth, apps, webhooks, deliveries, log, new WebhookUrls(targetCheck), metrics,
        clock));
    vertx = Vertx.vertx();
    Router router = api.router(vertx, registry, this::isHealthy);
    routes = HttpApi.describe(router);
    try {
      server = vertx.createHttpServer().requestHandler(router)
          .listen(config.port(), config.host()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    LOG.info("API and dashboard on http://{}:{}/ (private targets {})", config.host(), server.actualPort(),
        config.allowPrivateTargets() ? "allowed" : "refused");
    return this;
  }

  /** The port the server listens on (useful with port 0). */
  public int port() {
    return server.actualPort();
  }

  /** The API's routes as {@code METHOD /v1/path/{param}}. */
  public List<String> routes() {
    return routes;
  }

  public boolean isHealthy() {
    return server != null && appsView.isHealthy() && webhooksView.isHealthy() && tail.isHealthy();
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
