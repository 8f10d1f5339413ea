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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one JVM: an embedded broker, the topics, router, deliverer, api + dashboard, the
 * demo receiver, the demo app and webhooks, and (optionally) the simulator. The same service classes and
 * configuration records as production, configured through the same {@link ConfigSource} with the demo's
 * overrides. {@link #close()} stops everything in reverse order and keeps the data directory.
 */
public final class Demo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
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
    Demo demo = new Demo(options, source, clock);
    try {
      demo.startAll();
      return demo;
    } catch (RuntimeException e) {
      demo.close();
      throw e;
    }
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
    Vertx vertx = Vertx.vertx();
    running.push(() -> vertx.close().toCompletionStage().toCompletableFuture().get());
    receiver = DemoReceiver.start(vertx, "127.0.0.1", options.receiverPort());
    running.push(receiver);

    OpsServer routerOps = startRouter(vertx);
    PrometheusMeterRegistry delivererRegistry = Registries.prometheus("deliverer");
    OpsServer delivererOps = startDeliverer(vertx, delivererRegistry);
    ApiService api = start(new ApiService(ApiConfig.read(services), Registries.prometheus("api"), clock));
    endpoints = new DemoEndpoints(broker.bootstrapServers(), api.port(), receiver.port(), routerOps.port(), delivererOps.port());

    registerAppAndWebhooks(vertx);
    progress = new ProgressProbe(producerRegistry, ProducerMetrics.PUBLISHED, delivererRegistry);
    if (options.simulator()) {
      startSimulator();
    }
    LOG.info("Demo running: dashboard {}, receiver {}", endpoints.dashboard(), endpoints.receiverUrl());
  }

  private EmbeddedKafkaBroker startBroker(int partitions) {
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerOptions.builder().dataDirectory(dataDir.resolve("kafka"))
        .brokerPort(options.kafkaPort()).defaultPartitions(partitions).build());
    running.push(broker);
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
    RouterService router = new RouterService(config, registry, clock);
    running.push(router);
    router.start();
    return ops(OpsServer.start(vertx, "127.0.0.1", config.metricsPort(), registry, router::isHealthy));
  }

  private OpsServer startDeliverer(Vertx vertx, PrometheusMeterRegistry registry) {
    DelivererConfig config = DelivererConfig.read(services);
    DelivererService deliverer = new DelivererService(config, registry, clock);
    running.push(deliverer);
    Timeouts.unchecked(deliverer::start);
    return ops(OpsServer.start(vertx, "127.0.0.1", config.metricsPort(), registry, deliverer::isHealthy));
  }

  private ApiService start(ApiService api) {
    running.push(api);
    Timeouts.unchecked(api::start);
    return api;
  }

  private OpsServer ops(OpsServer server) {
    running.push(server);
    return server;
  }

  /** Through the REST API, like a user following the guide; the receiver learns the secret it verifies with. */
  private void registerAppAndWebhooks(Vertx vertx) {
    DemoApiClient client = new DemoApiClient(vertx, endpoints.apiPort(), adminKey.value());
    running.push(client);
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
    return o;
  }

  /** Starts publishing simulated live streams for the demo app (once). */
  public synchronized void startSimulator() {
    if (simulator == null) {
      simulator = DemoSimulator.start(services, AppId.of(registered.appId()), producerRegistry, clock);
      running.push(simulator);
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

  @Override
  public synchronized void close() {
    while (!running.isEmpty()) {
      AutoCloseable next = running.pop();
      try {
        next.close();
      } catch (Exception e) {
        LOG.warn("Demo: error while stopping {}: {}", next.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
