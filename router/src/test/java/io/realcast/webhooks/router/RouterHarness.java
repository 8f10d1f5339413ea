package io.realcast.webhooks.router;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.router.internal.StreamsProperties;
import io.realcast.webhooks.router.invalid.InvalidWriteFailures;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import io.realcast.webhooks.tracing.TraceParent;
import io.realcast.webhooks.tracing.Tracing;
import io.realcast.webhooks.config.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A router topology in a {@link TopologyTestDriver}, with helpers to register subscriptions and send raw events. */
final class RouterHarness implements AutoCloseable {
  static final Instant CREATED_AT = Instant.parse("2024-12-09T09:00:00Z");
  static final Duration INTERVAL = Duration.ofSeconds(30);

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final TopologyTestDriver driver;
  final TestInputTopic<String, byte[]> events;
  final TestInputTopic<String, byte[]> webhooks;
  final TestOutputTopic<String, byte[]> deliveries;
  final TestOutputTopic<String, byte[]> invalid;

  RouterHarness(Path stateDir, Instant wallClockStart) {
    this(stateDir, wallClockStart, UnaryOperator.identity());
  }

  /** @param configure changes the test defaults (30 s interval, the documented event rules) */
  RouterHarness(Path stateDir, Instant wallClockStart, UnaryOperator<RouterConfig> configure) {
    this(stateDir, wallClockStart, configure, Tracing.off());
  }

  RouterHarness(Path stateDir, Instant wallClockStart, UnaryOperator<RouterConfig> configure, Tracing tracing) {
    Topics topics = new Topics("", RetrySchedule.DEFAULT);
    RouterConfig config = configure.apply(RouterConfig.defaults(KafkaSettings.forBootstrap("127.0.0.1:1", topics), stateDir)
        .withApplicationId("router-test").withViewerCountInterval(INTERVAL));
    RouterMetrics metrics = new RouterMetrics(registry);
    InvalidWriteFailures invalidWrites = new InvalidWriteFailures();
    driver = new TopologyTestDriver(
        RouterTopology.build(config, metrics, invalidWrites, Clock.fixed(CREATED_AT, ZoneOffset.UTC), tracing),
        StreamsProperties.of(config, metrics, invalidWrites), wallClockStart);
    events = driver.createInputTopic(topics.events(), new StringSerializer(), new ByteArraySerializer());
    webhooks = driver.createInputTopic(topics.webhooks(), new StringSerializer(), new ByteArraySerializer());
    deliveries = driver.createOutputTopic(topics.deliveries(), new StringDeserializer(), new ByteArrayDeserializer());
    invalid = driver.createOutputTopic(topics.eventsInvalid(), new StringDeserializer(), new ByteArrayDeserializer());
  }

  static Subscription subscription(String webhook, String app, boolean enabled, WebhookEventType... events) {
    return new Subscription(WebhookId.of(webhook), AppId.of(app), "https://example.com/" + webhook, Set.of(events),
        enabled, "", new WebhookSecret("whsec_" + "A".repeat(43) + "="), Optional.empty(), CREATED_AT, CREATED_AT, null);
  }

  static Subscription allEvents(String webhook, String app) {
    return subscription(webhook, app, true, WebhookEventType.values());
  }

  void register(Subscription s) {
    webhooks.pipeInput(s.id().value(), SubscriptionCodec.encode(s));
  }

  void delete(String webhook) {
    webhooks.pipeInput(webhook, (byte[]) null);
  }

  void send(String streamId, String json) {
    events.pipeInput(streamId, json.getBytes(StandardCharsets.UTF_8));
  }

  void send(String streamId, byte[] value) {
    events.pipeInput(streamId, value);
  }

  /** A raw event whose record carries {@code traceParent} in its headers, as the traced producer writes it. */
  void send(String streamId, String json, String traceParent) {
    RecordHeaders headers = new RecordHeaders();
    TraceParent.write(headers, traceParent);
    events.pipeInput(new TestRecord<>(streamId, json.getBytes(StandardCharsets.UTF_8), headers));
  }

  /** Every delivery produced since the last call, decoded; asserts key = webhook id. */
  List<Delivery> drainDeliveries() {
    return deliveries.readRecordsToList().stream().map(r -> {
      Delivery d = DeliveryCodec.decodeDelivery(r.value());
      if (!d.webhookId().value().equals(r.key())) {
        throw new AssertionError("delivery keyed " + r.key() + " but for " + d.webhookId());
      }
      return d;
    }).toList();
  }

  List<TestRecord<String, byte[]>> drainInvalid() {
    return invalid.readRecordsToList();
  }

  /** A header of a record as text, or null. */
  static String header(TestRecord<String, byte[]> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** Reason headers of the invalid records produced since the last call. */
  List<String> drainInvalidReasons() {
    return drainInvalid().stream().map(r -> header(r, "realcast.invalid.reason")).toList();
  }

  void advance(Duration d) {
    driver.advanceWallClockTime(d);
  }

  double counter(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  double gauge(String name) {
    var gauge = registry.find(name).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  /** Sum of a counter over all its tag values. */
  double total(String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Override
  public void close() {
    driver.close();
  }
}
