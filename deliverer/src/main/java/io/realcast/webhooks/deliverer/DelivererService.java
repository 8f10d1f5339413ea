package io.realcast.webhooks.deliverer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.deliverer.internal.AsyncDnsResolver;
import io.realcast.webhooks.deliverer.internal.AttemptTracer;
import io.realcast.webhooks.deliverer.internal.Dispatcher;
import io.realcast.webhooks.deliverer.internal.FailingWebhooks;
import io.realcast.webhooks.deliverer.internal.GateSnapshots;
import io.realcast.webhooks.deliverer.internal.HttpSender;
import io.realcast.webhooks.deliverer.internal.PollLoop;
import io.realcast.webhooks.deliverer.internal.Recorder;
import io.realcast.webhooks.deliverer.internal.Subscriptions;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.kafka.CompactedTopicView;
import io.realcast.webhooks.net.TargetPolicy;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.subscription.WebhookHealth;
import io.realcast.webhooks.topic.Topics;
import io.realcast.webhooks.tracing.Tracing;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliverer: consumes {@code realcast.deliveries} and the retry topics as one member of its consumer group, signs
 * and POSTs each delivery, and records every outcome in Kafka before committing. Operators scale it by starting more
 * instances with the same group id. This class only wires: the {@link PollLoop} owns the consumer, the
 * {@link Dispatcher} owns the deliveries, the {@link PlacementPolicy} decides where each goes.
 */
public final class DelivererService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DelivererService.class);
  /** How long a delivery for a webhook this instance's view has never seen waits for the view to catch up. */
  static final Duration UNKNOWN_WEBHOOK_GRACE = Duration.ofMinutes(5);
  /** How long an outcome write waits for others to share its produce request (see producerProperties). */
  static final int OUTCOME_LINGER_MS = 20;

  private final DelivererConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  private final HostResolver injectedResolver;
  private final Tracing tracing;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private CompactedTopicView<Subscription> subscriptions;
  private CompactedTopicView<WebhookHealth> health;
  private Recorder recorder;
  private PollLoop loop;
  private Thread loopThread;

  public DelivererService(DelivererConfig config, MeterRegistry registry, Clock clock) {
    this(config, registry, clock, null);
  }

  /** @param resolver DNS for webhook hosts; null for the asynchronous, caching system resolver */
  public DelivererService(DelivererConfig config, MeterRegistry registry, Clock clock, HostResolver resolver) {
    this(config, registry, clock, resolver, Tracing.off());
  }

  /**
   * @param resolver DNS for webhook hosts; null for the asynchronous, caching system resolver
   * @param tracing a span per attempt when on; closed (flushed) by {@link #close()}
   */
  public DelivererService(DelivererConfig config, MeterRegistry registry, Clock clock, HostResolver resolver, Tracing tracing) {
    this.config = config;
    this.registry = registry;
    this.clock = clock;
    this.injectedResolver = resolver;
    this.tracing = tracing;
  }

  public synchronized DelivererService start() throws TimeoutException {
    KafkaSettings kafka = config.kafka();
    Topics topics = kafka.topics();
    String instance = UUID.randomUUID().toString().substring(0, 8);
    Set<String> deleted = ConcurrentHashMap.newKeySet();
    subscriptions = new CompactedTopicView<>(topics.webhooks(),
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

    // All HTTP runs on the dispatcher's context: one event loop, no locks. A blocked event loop is a bug here (all I/O
    // is asynchronous): log where it is stuck, not only that it is.
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false).setEventLoopPoolSize(1)
        .setWarningExceptionTime(2).setWarningExceptionTimeUnit(TimeUnit.SECONDS));
    closeables.add(() -> vertx.close().await(10, TimeUnit.SECONDS));
    Context context = vertx.getOrCreateContext();
    HostResolver resolver = injectedResolver;
    if (resolver == null) {
      AsyncDnsResolver dns = new AsyncDnsResolver(config.http().connectTimeout(), Duration.ofMinutes(5));
      closeables.add(dns);
      resolver = dns;
    }
    DelivererConfig.Http http = config.http();
    HttpSender sender = new HttpSender(context, HttpSender.Options.of(http), resolver, new TargetPolicy(http.allowPrivateTargets()),
        System::nanoTime, new AttemptTracer(tracing));

    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(kafka, instance));
    // Fetch metadata now: a first send() to an unknown topic blocks for it, and sends run on the event loop.
    List<String> outputs = new ArrayList<>(topics.retryTopics());
    outputs.addAll(List.of(topics.attempts(), topics.dead(), topics.webhookHealth(), topics.webhooks(), topics.deliveries(),
        topics.gates()));
    outputs.forEach(producer::partitionsFor);
    KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
    producerMetrics.bindTo(registry);
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(kafka, instance));
    KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer);
    consumerMetrics.bindTo(registry);
    // Closed in reverse: metrics first, then the producer (after the loop has drained), then Vert.x.
    closeables.add(() -> producer.close(Duration.ofSeconds(10)));
    closeables.add(producerMetrics);
    closeables.add(consumerMetrics);

    DelivererMetrics metrics = new DelivererMetrics(registry);
    recorder = new Recorder(producer, topics);
    closeables.add(recorder::close);
    metrics.stuckWrites(recorder::stuck);
    DelivererConfig.Limits limits = config.limits();
    PlacementPolicy policy = new PlacementPolicy(new RetryPolicy(topics.retries(), config.retryAfterCap()),
        limits.appBufferShare(), limits.bufferCap(), UNKNOWN_WEBHOOK_GRACE);
    Subscriptions view = view(subscriptions, deleted);
    FailingWebhooks failing = new FailingWebhooks(config.disable(), view, recorder, metrics);
    health = new CompactedTopicView<>(topics.webhookHealth(),
        new KafkaConsumer<>(kafka.consumerProperties("deliverer-health-" + instance, null)), WebhookHealth::decode,
        (id, value) -> context.runOnContext(v -> failing.read(WebhookId.of(id), value)));
    closeables.add(health);
    health.start(Duration.ofSeconds(60));
    Dispatcher dispatcher = new Dispatcher(context, policy, view, sender, recorder, failing, metrics, clock,
        System::nanoTime, new Dispatcher.Limits(limits.maxInFlight(), limits.maxInFlightPerApp(), limits.maxInFlightPerWebhook(),
            limits.slowAfter(), limits.maxInFlightSlow(), limits.maxInFlightPerWebhookCeiling()));
    closeables.add(dispatcher);
    closeables.add(sender);
    Map<String, Duration> retryTiers = new HashMap<>();
    topics.retries().delays().forEach(d -> retryTiers.put(topics.retry(d), d));
    CompactedTopicView<StreamGate> gates = new CompactedTopicView<>(topics.gates(),
        new KafkaConsumer<>(kafka.consumerProperties("deliverer-gates-" + instance, null)), StreamGate::decode);
    closeables.add(gates);
    gates.start(Duration.ofSeconds(60));
    loop = new PollLoop(consumer, topics.deliveries(), retryTiers, dispatcher,
        new GateSnapshots(gates, topics.gates(), Duration.ofSeconds(30)), config.commitInterval(), config.shutdownGrace());
    loopThread = new Thread(loop, "deliverer-poll-" + instance);
    loopThread.start();
    LOG.info("Deliverer {} started: group {}, topics {} + {}, private targets {}", instance, config.groupId(),
        topics.deliveries(), topics.retryTopics(), http.allowPrivateTargets() ? "ALLOWED" : "refused");
    return this;
  }

  private static Subscriptions view(CompactedTopicView<Subscription> view, Set<String> deleted) {
    return new Subscriptions() {
      @Override
      public Optional<Subscription> get(WebhookId id) {
        return view.get(id.value());
      }

      @Override
      public boolean deleted(WebhookId id) {
        return deleted.contains(id.value());
      }

      @Override
      public Collection<Subscription> all() {
        return view.values();
      }
    };
  }

  /**
   * zstd, not lz4, for the outcome writes: they are many small batches, and lz4 allocates a fresh 64 KiB block per
   * batch (5.6 GB against 0.8 GB for 300,000 attempt logs, measured with a producer alone on the embedded broker).
   * They linger longer than the services' default: no attempt waits for them (an offset is committed once they are
   * durable, every second; a retry is due a second later at the soonest), and the broker's cost is per request. A
   * delivery keeps its buffer place until its write is acknowledged, so this holds about 20 ms × the rate more places.
   */
  private static Map<String, Object> producerProperties(KafkaSettings kafka, String instance) {
    Map<String, Object> p = kafka.producerProperties("deliverer-" + instance + "-producer");
    Map<String, String> overrides = kafka.clientOverrides();
    if (!overrides.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG)) {
      p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    }
    if (!overrides.containsKey(ProducerConfig.LINGER_MS_CONFIG)) {
      p.put(ProducerConfig.LINGER_MS_CONFIG, OUTCOME_LINGER_MS);
    }
    if (!overrides.containsKey(ProducerConfig.BATCH_SIZE_CONFIG)) {
      p.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
    }
    return p;
  }

  private Map<String, Object> consumerProperties(KafkaSettings kafka, String instance) {
    Map<String, Object> p = kafka.consumerProperties("deliverer-" + instance, config.groupId());
    // Cooperative: adding or removing an instance moves only the partitions that change owner, so the
    // others keep delivering (and keep their in-flight attempts) through a rebalance.
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    // Bounds what a fetch holds in memory (the default is 50 MB): the instance's own buffer is the point of holding.
    p.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 << 20);
    return p;
  }

  /** Polling, the view of subscriptions current, and every outcome write going through. */
  public boolean isHealthy() {
    return loop != null && loop.isHealthy() && loopThread.isAlive() && subscriptions.isHealthy() && health.isHealthy()
        && recorder.stuck() == 0;
  }

  /** Partitions of the input topics this instance owns now; 0 before it has joined its group. */
  public int assignedPartitions() {
    return loop == null ? 0 : loop.assignedPartitions();
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
    tracing.close();
  }
}
