package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.deliverer.DisableRule;
import io.realcast.webhooks.deliverer.PlacementPolicy;
import io.realcast.webhooks.deliverer.RetryPolicy;
import io.realcast.webhooks.testkit.receiver.RecordedRequest;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.net.TargetPolicy;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dispatcher with real HTTP on 127.0.0.1 and Kafka's MockProducer for the outcome writes: lanes, per-app shares,
 * turns, holds and durability, each with limits small enough to see.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DispatcherTest {
  private static final Topics TOPICS = new Topics("t.", RetrySchedule.DEFAULT);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicInteger EVENTS = new AtomicInteger();

  private final Vertx vertx = Vertx.vertx();
  private final ScriptedReceiver receiver = ScriptedReceiver.start();
  private final Map<WebhookId, Subscription> webhooks = new ConcurrentHashMap<>();
  private MockProducer<String, byte[]> producer;
  private Dispatcher dispatcher;
  private HttpSender sender;

  private void start(boolean autoComplete, int maxInFlight, int perApp, int perWebhook, int appShare, int bufferCap,
      Duration slowAfter) {
    start(autoComplete, maxInFlight, perApp, perWebhook, appShare, bufferCap, slowAfter, maxInFlight);
  }

  private void start(boolean autoComplete, int maxInFlight, int perApp, int perWebhook, int appShare, int bufferCap,
      Duration slowAfter, int maxInFlightSlow) {
    start(autoComplete, maxInFlight, perApp, perWebhook, appShare, bufferCap, slowAfter, maxInFlightSlow, perWebhook);
  }

  private void start(boolean autoComplete, int maxInFlight, int perApp, int perWebhook, int appShare, int bufferCap,
      Duration slowAfter, int maxInFlightSlow, int perWebhookCeiling) {
    producer = new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    // One context for both: the sender must be called on its own event loop, and the dispatcher calls it from its own.
    Context context = vertx.getOrCreateContext();
    sender = new HttpSender(context, new HttpSender.Options(Duration.ofSeconds(2), Duration.ofSeconds(5), 1024,
        32, HttpSender.IDLE_TIMEOUT, ClientTls.jdkDefault()), host -> CompletableFuture.failedFuture(new UnknownHostException(host)),
        new TargetPolicy(true), System::nanoTime);
    PlacementPolicy policy = new PlacementPolicy(new RetryPolicy(RetrySchedule.DEFAULT, Duration.ofMinutes(5)), appShare,
        bufferCap, Duration.ofMinutes(5));
    Subscriptions view = new Subscriptions() {
      @Override
      public Optional<Subscription> get(WebhookId id) {
        return Optional.ofNullable(webhooks.get(id));
      }

      @Override
      public boolean deleted(WebhookId id) {
        return false;
      }

      @Override
      public Collection<Subscription> all() {
        return webhooks.values();
      }
    };
    Recorder recorder = new Recorder(producer, TOPICS);
    DelivererMetrics metrics = new DelivererMetrics(new SimpleMeterRegistry());
    dispatcher = new Dispatcher(context, policy, view, sender, recorder,
        new FailingWebhooks(DisableRule.DEFAULT, view, recorder, metrics), metrics, Clock.systemUTC(), System::nanoTime,
        new Dispatcher.Limits(maxInFlight, perApp, perWebhook, slowAfter, maxInFlightSlow, perWebhookCeiling));
  }

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
      sender.close();
    }
    receiver.close();
    vertx.close();
  }

  @Test
  void shouldDeferWhatAStalledWebhookCannotStartWhileAnotherAppOnItsPartitionIsServedAtOnce() {
    start(true, 64, 16, 2, 50, 100, Duration.ofMillis(200));
    Subscription stalled = webhook("app_bad", "/stall", Reply.stall());
    Subscription healthy = webhook("app_good", "/ok", Reply.ok());
    PartitionLease lease = assign(TOPICS.deliveries(), null);
    List<Delivery> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(delivery(stalled));
    }
    Delivery good = delivery(healthy);
    batch.add(good);

    long sent = System.nanoTime();
    receive(lease, 0, batch);

    RecordedRequest arrived = awaitRequest("/ok");
    // Sooner than the stalled attempts could end (5 s attempt timeout): it did not wait for any of them.
    assertThat((arrived.arrivedNanos() - sent) / 1_000_000).as("ms until the healthy app's delivery arrived").isLessThan(5_000);
    await("the stalled webhook's overflow deferred", () -> recordsTo(TOPICS.retry(Duration.ofSeconds(1))).size() == 20 - 2 - 2);
    assertThat(recordsTo(TOPICS.retry(Duration.ofSeconds(1)))).allSatisfy(r -> {
      Delivery d = DeliveryCodec.decodeDelivery(r.value());
      assertThat(d.webhookId()).isEqualTo(stalled.id());
      assertThat(d.attempts()).as("deferred without an attempt").isEmpty();
    });
    await("two in flight", () -> receiver.requests("/stall").size() == 2);
    assertThat(receiver.requests("/stall")).as("two in flight, two waiting for them").hasSize(2);
    assertThat(lease.pauseWanted()).isFalse();
  }

  @Test
  void shouldParkASlowWebhooksOverflowForAboutAsLongAsWhatIsAheadOfItTakesNotEverySecond() {
    // Two in flight, each known to take at least 200 ms: the 196 it sheds (it keeps a round queued) need about 20 s
    // between them. Parked one after another, each behind those parked before it, most have more than 5 s ahead:
    // the 5 s topic, read back once, not the 1 s topic read back every second.
    start(true, 64, 16, 2, 500, 1000, Duration.ofMillis(200));
    Subscription stalled = webhook("app_bad", "/stall", Reply.stall());
    PartitionLease lease = assign(TOPICS.deliveries(), null);
    List<Delivery> batch = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      batch.add(delivery(stalled));
    }

    receive(lease, 0, batch);

    Duration s1 = Duration.ofSeconds(1);
    Duration s5 = Duration.ofSeconds(5);
    await("the overflow parked", () -> recordsTo(TOPICS.retry(s1)).size() + recordsTo(TOPICS.retry(s5)).size()
        + recordsTo(TOPICS.retry(Duration.ofSeconds(25))).size() == 196);
    assertThat(recordsTo(TOPICS.retry(s1))).as("the first ones, with a few seconds ahead of them").isNotEmpty();
    assertThat(recordsTo(TOPICS.retry(s5)).size() + recordsTo(TOPICS.retry(Duration.ofSeconds(25))).size())
        .as("parked behind more than 5 s of the webhook's work").isGreaterThan(100);
    List<String> order = batch.stream().map(d -> d.id().value()).toList();
    int newestBackFirst = recordsTo(TOPICS.retry(s1)).stream()
        .mapToInt(r -> order.indexOf(DeliveryCodec.decodeDelivery(r.value()).id().value())).max().orElseThrow();
    int oldestBackLater = recordsTo(TOPICS.retry(s5)).stream()
        .mapToInt(r -> order.indexOf(DeliveryCodec.decodeDelivery(r.value()).id().value())).min().orElseThrow();
    assertThat(newestBackFirst).as("the oldest are parked first, so they come back first").isLessThan(oldestBackLater);
    assertThat(lease.pauseWanted()).isFalse();
  }

  @Test
  void shouldHoldThePartitionWhileAHealthyAppHoldsItsShareAndReadOnAsItDrains() {
    start(true, 64, 16, 4, 5, 100, Duration.ofSeconds(5));
    Subscription busy = webhook("app_busy", "/busy", Reply.ok().after(Duration.ofMillis(50)));
    PartitionLease lease = assign(TOPICS.deliveries(), null);
    List<Delivery> batch = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      batch.add(delivery(busy));
    }

    receive(lease, 0, batch);

    await("the partition held", lease::pauseWanted);
    await("all 30 delivered", () -> receiver.requests("/busy").size() == 30);
    await("the partition free again and everything durable", () -> !lease.pauseWanted() && lease.committable() == 30);
    assertThat(recordsTo(TOPICS.retry(Duration.ofSeconds(1)))).as("a healthy webhook never cycles through a retry topic")
        .isEmpty();
    assertThat(recordsTo(TOPICS.attempts())).hasSize(30);
  }

  @Test
  void shouldCommitNoFurtherThanTheOutcomesTheBrokerHasAcknowledged() {
    // One in flight: the attempt logs are written in offset order, and the producer acknowledges in send order.
    start(false, 64, 16, 1, 50, 100, Duration.ofSeconds(5));
    Subscription hook = webhook("app_1", "/ack", Reply.ok());
    PartitionLease lease = assign(TOPICS.deliveries(), null);

    receive(lease, 10, List.of(delivery(hook), delivery(hook), delivery(hook)));

    await("three attempt logs written", () -> producer.history().size() == 3);
    assertThat(lease.committable()).as("nothing acknowledged yet").isLessThanOrEqualTo(10);
    completeNext();
    await("the first outcome durable", () -> lease.committable() == 11);
    completeNext();
    completeNext();
    await("all durable", () -> lease.committable() == 13);
  }

  @Test
  void shouldTakeTurnsAcrossAppsWhenTheInstanceIsFull() {
    start(true, 1, 1, 1, 50, 100, Duration.ofSeconds(5));
    Subscription a = webhook("app_a", "/a", Reply.ok());
    Subscription b = webhook("app_b", "/b", Reply.ok());
    PartitionLease lease = assign(TOPICS.deliveries(), null);
    List<Delivery> batch = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      batch.add(delivery(a));
    }
    for (int i = 0; i < 4; i++) {
      batch.add(delivery(b));
    }

    receive(lease, 0, batch);

    await("all eight delivered", () -> receiver.count() == 8);
    assertThat(receiver.requests()).extracting(RecordedRequest::path)
        .containsExactly("/a", "/b", "/a", "/b", "/a", "/b", "/a", "/b");
  }

  @Test
  void shouldLetSlowWebhooksHoldNoMoreThanTheirShareOfTheInstancesSlots() {
    // Each lane may run 4, but once their attempts are known to take 1 s they are slow, and the slow share is 2.
    start(true, 16, 16, 4, 50, 100, Duration.ofMillis(200), 2);
    Subscription first = webhook("app_slow1", "/slow1", Reply.ok().after(Duration.ofSeconds(1)));
    Subscription second = webhook("app_slow2", "/slow2", Reply.ok().after(Duration.ofSeconds(1)));
    PartitionLease lease = assign(TOPICS.deliveries(), null);
    receive(lease, 0, alternating(8, first, second));

    await("all sixteen sent, none left waiting for room", () -> receiver.count() == 16);
    List<Long> arrivals = receiver.requests().stream().map(RecordedRequest::arrivedNanos).sorted().toList();
    long start = arrivals.get(0);
    assertThat(arrivals.stream().filter(t -> t - start < 500_000_000L).count())
        .as("the first round: not known to be slow yet, 4 each").isEqualTo(8);
    assertThat(arrivals.stream().filter(t -> t - start >= 500_000_000L && t - start < 1_500_000_000L).count())
        .as("the second round, once both are slow: 2 between them").isEqualTo(2);
    await("everything durable", () -> lease.committable() == 16);
  }

  @Test
  void shouldRaiseAWebhooksInFlightLimitWhileItsEndpointAnswersAsFastButNotPastItsOwnLimit() {
    // Floor 4, ceiling 16: both endpoints answer after 50 ms whatever the load, so only the limit bounds them.
    start(true, 64, 64, 4, 2000, 4000, Duration.ofSeconds(5), 64, 16);
    Subscription adaptive = webhook("app_adaptive", "/adaptive", Reply.ok().after(Duration.ofMillis(50)));
    Subscription own = webhook("app_own", "/own", Reply.ok().after(Duration.ofMillis(50)));
    Subscription ownLimit = new Subscription(own.id(), own.appId(), own.url(), own.events(), true, "", own.secret(),
        Optional.empty(), own.createdAt(), own.updatedAt(), null,
        new DeliveryOptions(DeliveryOptions.Ordering.NONE, OptionalInt.empty(), OptionalInt.of(4), Map.of()), 0);
    webhooks.put(own.id(), ownLimit);
    PartitionLease lease = assign(TOPICS.deliveries(), null);
    receive(lease, 0, alternating(120, adaptive, ownLimit));

    await("every delivery sent", () -> receiver.count() == 240);
    // Each slot's next request arrives at least 50 ms after its last: a shorter window holds at most the limit's worth.
    assertThat(mostArrivalsWithin(receiver.requests("/own"), Duration.ofMillis(45))).as("its own max_in_flight").isLessThanOrEqualTo(4);
    assertThat(mostArrivalsWithin(receiver.requests("/adaptive"), Duration.ofMillis(45))).as("the adaptive limit, from 4")
        .isGreaterThan(4).isLessThanOrEqualTo(16);
  }

  private static long mostArrivalsWithin(List<RecordedRequest> requests, Duration window) {
    List<Long> at = requests.stream().map(RecordedRequest::arrivedNanos).sorted().toList();
    long most = 0;
    int first = 0;
    for (int last = 0; last < at.size(); last++) {
      while (at.get(last) - at.get(first) >= window.toNanos()) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  @Test
  void shouldStartADueRetryBeforeTheFreshWorkOfOtherAppsWhenTheInstanceIsFull() {
    // One slot for the whole instance, ten apps in round robin: a retry that waited for its app's turn would start
    // about ten attempts later.
    start(true, 1, 1, 1, 50, 100, Duration.ofSeconds(5));
    List<Subscription> hooks = new ArrayList<>();
    for (int a = 0; a < 10; a++) {
      hooks.add(webhook("app_" + a, "/h" + a, Reply.ok().after(Duration.ofMillis(20))));
    }
    PartitionLease fresh = assign(TOPICS.deliveries(), null);
    PartitionLease retries = assign(TOPICS.retry(Duration.ofSeconds(1)), Duration.ofSeconds(1));
    List<Delivery> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      hooks.forEach(h -> batch.add(delivery(h)));
    }
    receive(fresh, 0, batch);
    awaitRequest("/h0");

    Instant due = Instant.now().minusMillis(1);
    int arrivedBefore = receiver.count();
    receive(retries, 0, List.of(delivery(hooks.get(9)).after(new Attempt(1, due.minusSeconds(1), 3, 503, null,
        AttemptResult.TEMPORARY), due)));

    await("all 31 sent", () -> receiver.count() == 31);
    List<RecordedRequest> order = receiver.requests();
    int retryAt = 0;
    while (order.get(retryAt).attempt() != 2) {
      retryAt++;
    }
    assertThat(retryAt - arrivedBefore).as("attempts that arrived after the due retry was read and before it")
        .isLessThanOrEqualTo(3);
  }

  @Test
  void shouldHoldARetryTopicUntilItsHeadIsDueAndThenSendIt() {
    start(true, 64, 16, 4, 50, 100, Duration.ofSeconds(5));
    Subscription hook = webhook("app_1", "/later", Reply.ok());
    PartitionLease lease = assign(TOPICS.retry(Duration.ofSeconds(1)), Duration.ofSeconds(1));
    Instant due = Instant.now().plusMillis(400);
    Delivery retry = delivery(hook).after(new Attempt(1, Instant.now(), 3, 503, null, AttemptResult.TEMPORARY), due);

    receive(lease, 0, List.of(retry));

    await("the partition held", lease::pauseWanted);
    RecordedRequest arrived = awaitRequest("/later");
    assertThat(arrived.arrivedAt()).as("never before it is due").isAfterOrEqualTo(due.minusMillis(5));
    assertThat(arrived.attempt()).isEqualTo(2);
    await("the partition free again", () -> !lease.pauseWanted());
  }

  @Test
  void shouldKeepAWebhookInOrderWhileItsSubscriptionReachesTheViewAndLetOthersPass() {
    start(true, 64, 16, 4, 50, 100, Duration.ofSeconds(5));
    Subscription late = webhook("app_late", "/late", Reply.ok());
    webhooks.remove(late.id()); // the router knows it; this instance's view does not, yet
    Subscription other = webhook("app_other", "/other", Reply.ok());
    PartitionLease lease = assign(TOPICS.deliveries(), null);
    Delivery first = delivery(late);
    Delivery second = delivery(late);

    receive(lease, 0, List.of(first, delivery(other)));
    awaitRequest("/other");
    assertThat(receiver.requests("/late")).as("waits for the view, not deferred").isEmpty();
    assertThat(recordsTo(TOPICS.retry(Duration.ofSeconds(1)))).isEmpty();

    webhooks.put(late.id(), new Subscription(late.id(), late.appId(), late.url(), late.events(), true, "", late.secret(),
        Optional.empty(), late.createdAt(), late.updatedAt(), null,
        DeliveryOptions.DEFAULTS.withOrdering(DeliveryOptions.Ordering.STREAM)));
    receive(lease, 2, List.of(second));

    await("both delivered", () -> receiver.requests("/late").size() == 2);
    assertThat(receiver.requests("/late")).extracting(RecordedRequest::webhookId)
        .containsExactly(first.id().value(), second.id().value());
  }

  @Test
  void shouldDeadLetterAnUnreadableRecordWithItsBytes() {
    start(true, 64, 16, 4, 50, 100, Duration.ofSeconds(5));
    PartitionLease lease = assign(TOPICS.deliveries(), null);
    byte[] garbage = "{\"id\":".getBytes(StandardCharsets.UTF_8);

    dispatcher.received(lease, List.of(new Inbound.Unreadable(0, Instant.now(), "wh_x", garbage, "truncated")));

    await("dead-lettered", () -> recordsTo(TOPICS.dead()).size() == 1);
    ProducerRecord<String, byte[]> dead = recordsTo(TOPICS.dead()).get(0);
    assertThat(dead.value()).isEqualTo(garbage);
    assertThat(new String(dead.headers().lastHeader(Recorder.UNREADABLE_REASON_HEADER).value(), StandardCharsets.UTF_8))
        .isEqualTo("unreadable");
    await("its offset committable", () -> lease.committable() == 1);
  }

  private Subscription webhook(String app, String path, Reply reply) {
    receiver.always(path, reply);
    Instant now = Instant.now();
    Subscription s = new Subscription(WebhookId.of("wh_" + app.substring(4) + path.replace("/", "_")), AppId.of(app),
        receiver.url(path), Set.of(WebhookEventType.STREAM_LIVE), true, "", WebhookSecret.generate(RANDOM), Optional.empty(), now,
        now, null);
    webhooks.put(s.id(), s);
    return s;
  }

  /** {@code each} deliveries to each of {@code a} and {@code b}, taking turns. */
  private static List<Delivery> alternating(int each, Subscription a, Subscription b) {
    List<Delivery> batch = new ArrayList<>();
    for (int i = 0; i < each; i++) {
      batch.add(delivery(a));
      batch.add(delivery(b));
    }
    return batch;
  }

  private static Delivery delivery(Subscription s) {
    Instant now = Instant.now();
    return Delivery.first(s.id(), s.appId(), WebhookEventType.STREAM_LIVE, EventId.of("evt_d" + EVENTS.incrementAndGet()), now, now,
        "{\"event\":\"stream.live\"}".getBytes(StandardCharsets.UTF_8));
  }

  private PartitionLease assign(String topic, Duration tier) {
    PartitionLease lease = new PartitionLease(new TopicPartition(topic, 0), tier);
    dispatcher.assigned(lease);
    return lease;
  }

  private void receive(PartitionLease lease, long firstOffset, List<Delivery> deliveries) {
    List<Inbound> records = new ArrayList<>();
    long offset = firstOffset;
    for (Delivery d : deliveries) {
      records.add(new Inbound.Readable(offset++, Instant.now(), d));
    }
    dispatcher.received(lease, records);
  }

  private List<ProducerRecord<String, byte[]>> recordsTo(String topic) {
    return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  private void completeNext() {
    vertx.runOnContext(v -> producer.completeNext());
  }

  private RecordedRequest awaitRequest(String path) {
    await("a request to " + path, () -> !receiver.requests(path).isEmpty());
    return receiver.requests(path).get(0);
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
    }
  }
}
