package io.realcast.webhooks.deliverer.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererService;
import io.realcast.webhooks.deliverer.HostResolver;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.event.SampleEvents;
import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.lifecycle.Closer;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.testkit.TopicReader;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.TopicInstaller;
import io.realcast.webhooks.topic.TopicLayout;
import io.realcast.webhooks.topic.Topics;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Topics of their own on the shared broker, a producer to write subscriptions and deliveries as the
 * api and the router would, readers of the attempt and dead-letter topics, and deliverers to start.
 */
public final class DeliveryFixture implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  public final Topics topics;
  public final KafkaSettings kafka;
  public final Clock clock;
  private final KafkaProducer<String, byte[]> producer;
  private final Closer closer = new Closer("delivery fixture", Duration.ofMinutes(1));
  private final Map<String, Long> sequences = new ConcurrentHashMap<>();
  private Records<AttemptLog> attempts;
  private Records<DeadLetter> dead;

  public DeliveryFixture(String bootstrap, String prefix, RetrySchedule schedule, int partitions) {
    this(bootstrap, prefix, schedule, partitions, Clock.systemUTC());
  }

  /** @param clock the deliverers' clock, and the one the fixture's subscriptions and deliveries are dated by */
  public DeliveryFixture(String bootstrap, String prefix, RetrySchedule schedule, int partitions, Clock clock) {
    this.clock = clock;
    this.topics = new Topics(prefix + ".", schedule);
    this.kafka = new KafkaSettings(bootstrap, topics, partitions, (short) 1, Duration.ofDays(1), Map.of());
    try (Admin admin = Admin.create(kafka.adminProperties("test-admin"))) {
      TopicInstaller.ensure(admin, TopicLayout.newTopics(topics, partitions, (short) 1, Duration.ofDays(1)));
    }
    this.producer = new KafkaProducer<>(kafka.producerProperties("test-producer"));
  }

  public DelivererConfig config() {
    return DelivererConfig.defaults(kafka).withGroupId("deliverer-" + topics.prefix()).withAllowPrivateTargets(true);
  }

  public DelivererService startDeliverer(UnaryOperator<DelivererConfig> tweak, HostResolver resolver) throws Exception {
    DelivererService service = new DelivererService(tweak.apply(config()), new SimpleMeterRegistry(), clock, resolver);
    closer.add("deliverer", service, Duration.ofSeconds(30));
    return service.start();
  }

  public DelivererService startDeliverer(UnaryOperator<DelivererConfig> tweak) throws Exception {
    return startDeliverer(tweak, null);
  }

  /**
   * Waits until a started deliverer has joined its group and delivers: one delivery end to end. Tests
   * that measure timing start after this, so a first rebalance cannot show up as a duplicate.
   */
  public void awaitDelivering(ScriptedReceiver receiver) throws Exception {
    String path = "/warm-up-" + UUID.randomUUID();
    receiver.always(path, Reply.ok());
    Delivery d = deliver(subscribe(receiver.url(path)), WebhookEventType.STREAM_LIVE);
    attempts().await(l -> l.deliveryId().equals(d.id()), 1, Duration.ofSeconds(60));
  }

  public Subscription subscribe(String url) throws Exception {
    return subscribe(url, DeliveryOptions.DEFAULTS);
  }

  public Subscription subscribe(String url, DeliveryOptions options) throws Exception {
    Instant now = clock.instant();
    Subscription s = new Subscription(WebhookId.random(clock), AppId.random(clock), url, EnumSet.allOf(WebhookEventType.class),
        true, "test", WebhookSecret.generate(RANDOM), Optional.empty(), now, now, null, options);
    return put(s);
  }

  /** Writes {@code s} (a new or changed subscription) as the api would. */
  public Subscription put(Subscription s) throws Exception {
    producer.send(new ProducerRecord<>(topics.webhooks(), s.id().value(), SubscriptionCodec.encode(s))).get(30, TimeUnit.SECONDS);
    return s;
  }

  public void delete(Subscription s) throws Exception {
    producer.send(new ProducerRecord<>(topics.webhooks(), s.id().value(), null)).get(30, TimeUnit.SECONDS);
  }

  /** A first delivery of a sample event to {@code s}, as the router would write it. */
  public Delivery deliver(Subscription s, WebhookEventType type) throws Exception {
    Delivery d = delivery(s, type);
    send(d);
    return d;
  }

  public Delivery delivery(Subscription s, WebhookEventType type) {
    WebhookEvent event = SampleEvents.sample(type, clock);
    return Delivery.first(s.id(), s.appId(), type, event.id(), event.timestamp(), clock.instant(), event.body());
  }

  /**
   * A first delivery of a sample event of {@code stream} to {@code s}, as the router would write it: numbered 1, 2, 3, ...
   * within the (webhook, stream) when the webhook keeps its streams in order.
   */
  public Delivery delivery(Subscription s, WebhookEventType type, String stream) {
    WebhookEvent event = SampleEvents.sample(type, clock);
    long sequence = s.options().ordered() ? sequences.merge(s.id().value() + '|' + stream, 1L, Long::sum) : 0;
    return Delivery.first(s.id(), s.appId(), type, event.id(), event.timestamp(), clock.instant(), event.body(), stream,
        sequence);
  }

  public void send(Delivery d) throws Exception {
    producer.send(new ProducerRecord<>(topics.deliveries(), d.webhookId().value(), DeliveryCodec.encode(d))).get(30, TimeUnit.SECONDS);
  }

  /** Sends without waiting for each ack (for loads); flushes at the end. */
  public void sendAll(List<Delivery> deliveries) {
    for (Delivery d : deliveries) {
      producer.send(new ProducerRecord<>(topics.deliveries(), d.webhookId().value(), DeliveryCodec.encode(d)));
    }
    producer.flush();
  }

  public Records<AttemptLog> attempts() {
    if (attempts == null) {
      attempts = new Records<>(TopicReader.open(kafka.bootstrap(), topics.attempts()), DeliveryCodec::decodeAttemptLog);
    }
    return attempts;
  }

  public Records<DeadLetter> dead() {
    if (dead == null) {
      dead = new Records<>(TopicReader.open(kafka.bootstrap(), topics.dead()), DeliveryCodec::decodeDeadLetter);
    }
    return dead;
  }

  /** One of the deliverer's output topics, decoded: the test kit's reader with the codec that reads it. */
  public static final class Records<V> implements AutoCloseable {
    private final TopicReader reader;
    private final Function<byte[], V> decoder;

    Records(TopicReader reader, Function<byte[], V> decoder) {
      this.reader = reader;
      this.decoder = decoder;
    }

    /** Waits until {@code count} records match and returns the matching ones. */
    public List<V> await(Predicate<V> which, int count, Duration timeout) throws TimeoutException {
      return reader.await(decoder, which, count, timeout);
    }

    /** Everything read so far, after one more poll. */
    public List<V> all() {
      return reader.poll().stream().map(r -> decoder.apply(r.value())).toList();
    }

    @Override
    public void close() {
      reader.close();
    }
  }

  @Override
  public void close() {
    closer.close();
    if (attempts != null) {
      attempts.close();
    }
    if (dead != null) {
      dead.close();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
