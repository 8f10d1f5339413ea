package io.realcast.webhooks.tools.demo;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.api.ApiConfig;
import io.realcast.webhooks.api.ApiService;
import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererService;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.kafka.embedded.BrokerOptions;
import io.realcast.webhooks.kafka.embedded.EmbeddedKafkaBroker;
import io.realcast.webhooks.lifecycle.Closer;
import io.realcast.webhooks.metrics.OpsServer;
import io.realcast.webhooks.metrics.Registries;
import io.realcast.webhooks.producer.ProducerMetrics;
import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.router.RouterService;
import io.realcast.webhooks.topic.TopicInstaller;
import io.realcast.webhooks.topic.TopicLayout;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one JVM: an embedded broker, the topics, router, deliverer, api + dashboard, the
 * demo receiver, the demo app and webhooks, and (optionally) the simulator. The same service classes and
 * configuration records as production, configured through the same {@link ConfigSource} with the demo's
 * overrides. {@link #close()} stops everything in reverse order of start, each part within a bound and all
 * within {@link #STOP_WITHIN}, and keeps the data directory; it may be called while {@link #start()} runs
 * (Ctrl-C in the first seconds), which then stops where it is.
 */
public final class Demo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
  /**
   * Ctrl-C to exit: the demo's promise to a newcomer is 5 s. This leaves the JVM 1.5 s to run its hooks and exit,
   * which it needs on a loaded machine (load 12 on two cores: 1.9 s).
   */
  public static final Duration STOP_WITHIN = Duration.ofMillis(3500);
  /** How long the deliverer waits for attempts in flight when the demo stops (production's default is 15 s). */
  static final String DELIVERER_SHUTDOWN_GRACE = "1s";

  private final Closer running = new Closer("demo", STOP_WITHIN);
  private final DemoOptions options;
  private final ConfigSource source;
  private final Clock clock;
  private Path dataDir;
  private DemoAdminKey adminKey;
  private DemoEndpoints endpoints;
  private DemoReceiver receiver;
  private DemoSetup.Registered registered;
  private ProgressProbe progress;
  private ConfigSource services;
  private final PrometheusMeterRegistry producerRegistry = Registries.prometheus("producer");
  private DemoSimulator simulator;

  private Demo(DemoOptions options, ConfigSource source, Clock clock) {
    this.options = options;
    this.source = source;
    this.clock = clock;
  }

  /** Starts everything; on failure stops what had started and rethrows. */
  public static Demo start(DemoOptions options, ConfigSource source, Clock clock) {
    return create(options, source, clock).start();
  }

  /** A demo not started yet, so that a stop signal can be wired to {@link #close()} before {@link #start()}. */
  public static Demo create(DemoOptions options, ConfigSource source, Clock clock) {
    return new Demo(options, source, clock);
  }

  /**
   * Starts everything; on failure stops what had started and rethrows. If {@link #close()} is called meanwhile,
   * throws {@link Closer.ClosedException} once the part being started is closed.
   */
  public Demo start() {
    try {
      startAll();
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Whether {@link #close()} has begun. */
  public boolean isStopping() {
    return running.isClosed();
  }

  private void startAll() {
    ConfigReader demoReader = new ConfigReader(source);
    dataDir = Path.of(demoReader.get(DemoSettings.DATA_DIR)).toAbsolutePath().normalize();
    boolean allowPrivate = demoReader.get(DemoSettings.ALLOW_PRIVATE_TARGETS);
    int partitions = demoReader.get(DemoSettings.PARTITIONS);
    demoReader.validate();
    adminKey = DemoAdminKey.resolve(source, ApiConfig.ADMIN_KEY, dataDir, new SecureRandom());

    EmbeddedKafkaBroker broker = startBroker(partitions);
    services = source.with(overrides(broker.bootstrapServers(), allowPrivate, partitions));
    createTopics();
    // Before the deliverer, so that no first attempt of this run is missed.
    FirstAttempts firstAttempts = running.add("first-attempt reader",
        Timeouts.unchecked(() -> FirstAttempts.start(KafkaSettings.read(new ConfigReader(services)), Duration.ofSeconds(30))),
        Duration.ofMillis(300));
    Vertx vertx = Vertx.vertx();
    running.add("vert.x", () -> vertx.close().toCompletionStage().toCompletableFuture().get(), Duration.ofMillis(500));
    receiver = running.add("receiver", DemoReceiver.start(vertx, "127.0.0.1", options.receiverPort()), Duration.ofMillis(300));

    OpsServer routerOps = startRouter(vertx);
    PrometheusMeterRegistry delivererRegistry = Registries.prometheus("deliverer");
    OpsServer delivererOps = startDeliverer(vertx, delivererRegistry);
    ApiService api = start(new ApiService(ApiConfig.read(services), Registries.prometheus("api"), clock));
    endpoints = new DemoEndpoints(broker.bootstrapServers(), api.port(), receiver.port(), routerOps.port(), delivererOps.port());

    registerAppAndWebhooks(vertx);
    progress = new ProgressProbe(producerRegistry, ProducerMetrics.PUBLISHED, delivererRegistry, firstAttempts.registry());
    if (options.simulator()) {
      startSimulator();
    }
    LOG.info("Demo running: dashboard {}, receiver {}", endpoints.dashboard(), endpoints.receiverUrl());
  }

  private EmbeddedKafkaBroker startBroker(int partitions) {
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerOptions.builder().dataDirectory(dataDir.resolve("kafka"))
        .brokerPort(options.kafkaPort()).defaultPartitions(partitions).build());
    // Last to stop: what it does not finish within the bound, log recovery does on the next start.
    running.add("broker", broker, Duration.ofSeconds(2));
    return broker.start();
  }

  /** The same topics, partitions and retention as {@code realcast topics}; nothing on a restart. */
  private void createTopics() {
    KafkaSettings kafka = KafkaSettings.read(new ConfigReader(services));
    try (Admin admin = Admin.create(kafka.adminProperties("realcast-demo-topics"))) {
      TopicInstaller.ensure(admin, TopicLayout.newTopics(kafka.topics(), kafka.partitions(), kafka.replication(), kafka.logRetention()));
    }
  }

  private OpsServer startRouter(Vertx vertx) {
    PrometheusMeterRegistry registry = Registries.prometheus("router");
    RouterConfig config = RouterConfig.read(services);
    RouterService router = running.add("router", new RouterService(config, registry, clock), Duration.ofMillis(1500));
    router.start();
    return ops("router /metrics", OpsServer.start(vertx, "127.0.0.1", config.metricsPort(), registry, router::isHealthy));
  }

  private OpsServer startDeliverer(Vertx vertx, PrometheusMeterRegistry registry) {
    DelivererConfig config = DelivererConfig.read(services);
    DelivererService deliverer = running.add("deliverer", new DelivererService(config, registry, clock), Duration.ofMillis(1500));
    Timeouts.unchecked(deliverer::start);
    return ops("deliverer /metrics", OpsServer.start(vertx, "127.0.0.1", config.metricsPort(), registry, deliverer::isHealthy));
  }

  private ApiService start(ApiService api) {
    running.add("api", api, Duration.ofSeconds(1));
    Timeouts.unchecked(api::start);
    return api;
  }

  private OpsServer ops(String name, OpsServer server) {
    return running.add(name, server, Duration.ofMillis(300));
  }

  /** Through the REST API, like a user following the guide; the receiver learns the secret it verifies with. */
  private void registerAppAndWebhooks(Vertx vertx) {
    DemoApiClient client = running.add("api client", new DemoApiClient(vertx, endpoints.apiPort(), adminKey.value()),
        Duration.ofMillis(200));
    registered = DemoSetup.ensure(client, dataDir, options.webhookUrl().orElse(endpoints.receiverUrl()), endpoints.flakyUrl());
    receiver.expectSecret(registered.secret());
  }

  /** What the services read: the environment and file, then the demo's own wiring on top. */
  private Map<String, String> overrides(String bootstrap, boolean allowPrivate, int partitions) {
    Map<String, String> o = new HashMap<>();
    o.put(KafkaSettings.BOOTSTRAP.envName(), bootstrap);
    o.put(DemoSettings.ALLOW_PRIVATE_TARGETS.envName(), Boolean.toString(allowPrivate));
    o.put(KafkaSettings.PARTITIONS.envName(), Integer.toString(partitions));
    o.put(DemoSettings.DATA_DIR.envName(), dataDir.toString());
    o.put(ApiConfig.ADMIN_KEY.envName(), adminKey.value());
    o.put(ApiConfig.HOST.envName(), "127.0.0.1");
    options.apiPort().ifPresent(p -> o.put(ApiConfig.PORT.envName(), Integer.toString(p)));
    options.routerMetricsPort().ifPresent(p -> o.put(RouterConfig.METRICS_PORT.envName(), Integer.toString(p)));
    options.delivererMetricsPort().ifPresent(p -> o.put(DelivererConfig.METRICS_PORT.envName(), Integer.toString(p)));
    o.put(DelivererConfig.SHUTDOWN_GRACE.envName(), DELIVERER_SHUTDOWN_GRACE);
    return o;
  }

  /** Starts publishing simulated live streams for the demo app (once). */
  public synchronized void startSimulator() {
    if (simulator == null) {
      simulator = running.add("simulator", DemoSimulator.start(services, AppId.of(registered.appId()), producerRegistry, clock),
          Duration.ofMillis(500));
    }
  }

  public DemoEndpoints endpoints() {
    return endpoints;
  }

  public DemoAdminKey adminKey() {
    return adminKey;
  }

  public Path dataDir() {
    return dataDir;
  }

  public DemoSetup.Registered registered() {
    return registered;
  }

  public DemoReceiver receiver() {
    return receiver;
  }

  public ProgressReading progress() {
    return progress.read();
  }

  /** Stops everything, the last started first, within {@link #STOP_WITHIN}; the data directory stays. */
  @Override
  public void close() {
    if (running.isClosed()) {
      return;
    }
    long start = System.nanoTime();
    running.close();
    LOG.info("Demo stopped in {} ms: {}", Duration.ofNanos(System.nanoTime() - start).toMillis(), running.outcomes().stream()
        .map(o -> o.name() + " " + o.took().toMillis() + " ms" + (o.inTime() ? "" : " (left running)")).toList());
  }
}
