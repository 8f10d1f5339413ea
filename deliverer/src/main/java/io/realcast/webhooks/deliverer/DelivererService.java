package io.realcast.webhooks.deliverer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.deliverer.internal.DeliveryLifecycle;
import io.realcast.webhooks.deliverer.internal.GoneWebhooks;
import io.realcast.webhooks.deliverer.internal.HttpSender;
import io.realcast.webhooks.deliverer.internal.PollLoop;
import io.realcast.webhooks.deliverer.internal.Recorder;
import io.realcast.webhooks.kafka.CompactedTopicView;
import io.realcast.webhooks.net.TargetPolicy;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliverer: consumes {@code realcast.deliveries} and the retry topics as one member of its
 * consumer group, signs and POSTs each delivery, and records every outcome in Kafka before committing.
 * Operators scale it by starting more instances with the same group id.
 */
public final class DelivererService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DelivererService.class);

  private final DelivererConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  private final HostResolver injectedResolver;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private CompactedTopicView<Subscription> subscriptions;
  private PollLoop loop;
  private Thread loopThread;

  public DelivererService(DelivererConfig config, MeterRegistry registry, Clock clock) {
    this(config, registry, clock, null);
  }

  /** @param resolver DNS for webhook hosts; null for the system resolver */
  public DelivererService(DelivererConfig config, MeterRegistry registry, Clock clock, HostResolver resolver) {
    this.config = config;
    this.registry = registry;
    this.clock = clock;
    this.injectedResolver = resolver;
  }

  public synchronized DelivererService start() throws TimeoutException {
    KafkaSettings kafka = config.kafka();
    String instance = UUID.randomUUID().toString().substring(0, 8);
    Set<String> deleted = ConcurrentHashMap.newKeySet();
    subscriptions = new CompactedTopicView<>(kafka.topics().webhooks(),
        new KafkaConsumer<>(kafka.consumerProperties("deliverer-webhooks-" + instance, null)), SubscriptionCodec::decode,
        (id, value) -> {
          if (value.isPresent()) {
            deleted.remove(id);
          } else {
            deleted.add(id);
          }
        });
    closeables.add(subscriptions);
    subscriptions.start(Duration.ofSeconds(60));

    ExecutorService dns = Executors.newFixedThreadPool(4, daemon("deliverer-dns"));
    closeables.add(dns::shutdownNow);
    HostResolver resolver = injectedResolver != null ? injectedResolver : HostResolver.system(dns);
    // A blocked event loop is a bug here (all I/O is asynchronous): log where it is stuck, not only that it is.
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false)
        .setWarningExceptionTime(2).setWarningExceptionTimeUnit(TimeUnit.SECONDS));
    closeables.add(() -> vertx.close().await(10, TimeUnit.SECONDS));
    HttpClient client = vertx.createHttpClient(clientOptions(), new PoolOptions().setHttp1MaxSize(config.poolSizePerHost()));
    HttpSender sender = new HttpSender(vertx, client, resolver, new TargetPolicy(config.allowPrivateTargets()),
        config.connectTimeout(), config.attemptTimeout(), config.maxResponseBytes(), System::nanoTime);

    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties("deliverer-" + instance + "-producer"));
    // Fetch metadata now: a first send() to an unknown topic blocks for it, and sends run on event loops.
    List<String> outputs = new ArrayList<>(kafka.topics().retryTopics());
    outputs.add(kafka.topics().attempts());
    outputs.add(kafka.topics().dead());
    outputs.forEach(producer::partitionsFor);
    KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
    producerMetrics.bindTo(registry);
    Map<String, Object> consumerProperties = kafka.consumerProperties("deliverer-" + instance, config.groupId());
    // Cooperative: adding or removing an instance moves only the partitions that change owner, so the
    // others keep delivering (and keep their in-flight attempts) through a rebalance.
    consumerProperties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties);
    KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer);
    consumerMetrics.bindTo(registry);
    // Closed in reverse: metrics first, then the producer (after the loop has drained), then Vert.x.
    closeables.add(() -> producer.close(Duration.ofSeconds(10)));
    closeables.add(producerMetrics);
    closeables.add(consumerMetrics);

    DelivererMetrics metrics = new DelivererMetrics(registry);
    RetryPolicy policy = new RetryPolicy(kafka.topics().retries(), config.retryAfterCap());
    Recorder recorder = new Recorder(producer, kafka.topics(), policy);
    DeliveryLifecycle lifecycle = new DeliveryLifecycle(id -> subscriptions.get(id.value()), id -> deleted.contains(id.value()),
        new GoneWebhooks(), sender, policy,
        recorder, metrics, clock);
    loop = new PollLoop(consumer, kafka.topics(), policy, recorder, lifecycle, metrics, clock, config.maxInFlightPerWebhook(),
        config.webhookQueueCap(), config.bufferCap(), config.commitInterval(), config.shutdownGrace());
    loopThread = new Thread(loop, "deliverer-poll-" + instance);
    loopThread.start();
    LOG.info("Deliverer {} started: group {}, topics {} + {}, private targets {}", instance, config.groupId(),
        kafka.topics().deliveries(), kafka.topics().retryTopics(), config.allowPrivateTargets() ? "ALLOWED" : "refused");
    return this;
  }

  public boolean isHealthy() {
    return loop != null && loop.isHealthy() && loopThread.isAlive() && subscriptions.isHealthy();
  }

  /** Partitions of the input topics this instance owns now; 0 before it has joined its group. */
  public int assignedPartitions() {
    return loop == null ? 0 : loop.assignedPartitions();
  }

  private HttpClientOptions clientOptions() {
    return new HttpClientOptions()
        .setConnectTimeout((int) config.connectTimeout().toMillis())
        .setKeepAlive(true)
        .setKeepAliveTimeout(30)
        // The vetted IP is the connect address; SNI and certificate checks still use the URL's host.
        .setForceSni(true)
        .setVerifyHost(true)
        .setDecompressionSupported(false);
  }

  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.stop();
      try {
        loopThread.join(config.shutdownGrace().plusSeconds(15).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.warn("Error while closing: {}", e.toString());
      }
    }
    closeables.clear();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
