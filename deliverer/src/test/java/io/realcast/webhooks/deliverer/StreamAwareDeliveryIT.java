package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.deliverer.testing.DeliveryFixture;
import io.realcast.webhooks.testkit.receiver.RecordedRequest;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryState;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stream-aware delivery against a real broker and a real receiver (docs/DELIVERY.md, "Stream-aware delivery"): ordered lanes per stream, latest-wins
 * viewer counts, per-webhook rate limit and in-flight limit, custom headers. Retries after 200, 400 and 600 ms.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StreamAwareDeliveryIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final DeliveryOptions ORDERED = DeliveryOptions.DEFAULTS.withOrdering(DeliveryOptions.Ordering.STREAM);

  private final AtomicInteger paths = new AtomicInteger();
  private ScriptedReceiver receiver;
  private DeliveryFixture fixture;

  @BeforeAll
  void start(@BootstrapServers String bootstrap) throws Exception {
    receiver = ScriptedReceiver.start();
    fixture = new DeliveryFixture(bootstrap, TestTopics.unique("streams"), RetrySchedule.parse("200ms,400ms,600ms"), 3);
    fixture.startDeliverer(c -> c);
    fixture.awaitDelivering(receiver);
  }

  @AfterAll
  void stop() {
    fixture.close();
    receiver.close();
  }

  private String path() {
    return "/streams-" + paths.incrementAndGet();
  }

  @Test
  void shouldHoldBackOnlyTheRetryingStreamAndDeliverItsEventsInOrderAfterIt() throws Exception {
    String path = path();
    receiver.always(path, Reply.ok());
    Subscription hook = fixture.subscribe(receiver.url(path), ORDERED);
    Delivery a1 = fixture.delivery(hook, WebhookEventType.CHAT_MESSAGE_NEW, "stream_a");
    Delivery a2 = fixture.delivery(hook, WebhookEventType.CHAT_MESSAGE_NEW, "stream_a");
    Delivery a3 = fixture.delivery(hook, WebhookEventType.CHAT_MESSAGE_NEW, "stream_a");
    Delivery b1 = fixture.delivery(hook, WebhookEventType.CHAT_MESSAGE_NEW, "stream_b");
    Delivery b2 = fixture.delivery(hook, WebhookEventType.CHAT_MESSAGE_NEW, "stream_b");
    receiver.scriptDelivery(a1.id().value(), Reply.status(503), Reply.status(503));

    fixture.sendAll(List.of(a1, a2, a3, b1, b2));

    List<RecordedRequest> seen = receiver.await(path, 7, WAIT);
    List<String> ids = seen.stream().map(RecordedRequest::webhookId).toList();
    assertThat(ids.stream().filter(id -> id.equals(a1.id().value()))).as("A1: 503, 503, then 200").hasSize(3);
    assertThat(ids.subList(ids.lastIndexOf(a1.id().value()) + 1, ids.size()))
        .as("A's later events after A1 is delivered, in order").containsExactly(a2.id().value(), a3.id().value());
    assertThat(ids.indexOf(b2.id().value())).as("B flows while A1 retries").isLessThan(ids.lastIndexOf(a1.id().value()));
    assertThat(ids.indexOf(b1.id().value())).isLessThan(ids.indexOf(b2.id().value()));
    assertThat(seen.stream().filter(r -> r.webhookId().equals(a1.id().value())).map(RecordedRequest::attempt).toList())
        .containsExactly(1, 2, 3);
    List<AttemptLog> logs = fixture.attempts().await(l -> l.deliveryId().equals(a1.id()), 3, WAIT);
    assertThat(logs).extracting(AttemptLog::state)
        .containsExactly(DeliveryState.RETRYING, DeliveryState.RETRYING, DeliveryState.DELIVERED);
  }

  @Test
  void shouldMoveTheStreamOnWhenItsHeadIsDeadLetteredAndSayWhatWaitedBehindIt() throws Exception {
    String path = path();
    receiver.always(path, Reply.ok());
    Subscription hook = fixture.subscribe(receiver.url(path), ORDERED);
    Delivery head = fixture.delivery(hook, WebhookEventType.STREAM_LIVE, "stream_c");
    Delivery next = fixture.delivery(hook, WebhookEventType.VIEWER_JOINED, "stream_c");
    receiver.scriptDelivery(head.id().value(), Reply.status(500), Reply.status(500), Reply.status(500), Reply.status(500));

    fixture.sendAll(List.of(head, next));

    DeadLetter dead = fixture.dead().await(d -> d.delivery().id().equals(head.id()), 1, WAIT).get(0);
    assertThat(dead.reason()).isEqualTo(DeadReason.RETRIES_EXHAUSTED);
    assertThat(dead.heldBack()).singleElement().satisfies(h -> {
      assertThat(h.id()).isEqualTo(next.id());
      assertThat(h.waitedMillis()).as("waited through 200 + 400 + 600 ms of retries").isGreaterThanOrEqualTo(1_000);
    });
    List<RecordedRequest> seen = receiver.await(path, 5, WAIT);
    assertThat(seen.get(4).webhookId()).as("the stream moves on").isEqualTo(next.id().value());
  }

  @Test
  void shouldSupersedeAnOlderViewerCountThatWaitsForARetry() throws Exception {
    String path = path();
    receiver.always(path, Reply.ok());
    Subscription hook = fixture.subscribe(receiver.url(path));
    Delivery older = fixture.delivery(hook, WebhookEventType.VIEWER_COUNT_UPDATE, "stream_d");
    // The next count of the stream, computed 30 s later.
    Delivery newer = Delivery.first(hook.id(), hook.appId(), WebhookEventType.VIEWER_COUNT_UPDATE,
        io.realcast.webhooks.id.EventId.random(fixture.clock), older.eventTime().plusSeconds(30), older.createdAt(),
        older.body(), "stream_d", 0);
    receiver.scriptDelivery(older.id().value(), Reply.status(503));

    fixture.send(older);
    receiver.awaitMatching(r -> r.webhookId().equals(older.id().value()), 1, WAIT);
    fixture.send(newer);

    List<AttemptLog> logs = fixture.attempts().await(l -> l.deliveryId().equals(older.id()), 2, WAIT);
    assertThat(logs).extracting(AttemptLog::state).containsExactly(DeliveryState.RETRYING, DeliveryState.SUPERSEDED);
    assertThat(logs.get(1).attempt()).as("superseded without a second attempt").isNull();
    receiver.awaitMatching(r -> r.webhookId().equals(newer.id().value()), 1, WAIT);
    assertThat(receiver.requests(path).stream().filter(r -> r.webhookId().equals(older.id().value())))
        .as("the older count was sent once (the 503) and never again").hasSize(1);
    assertThat(fixture.dead().all()).noneMatch(d -> d.delivery().id().equals(older.id()));
  }

  @Test
  void shouldKeepToTheWebhooksRateLimitMeasuredAtTheReceiver() throws Exception {
    String path = path();
    receiver.always(path, Reply.ok());
    int perSecond = 20;
    Subscription hook = fixture.subscribe(receiver.url(path), DeliveryOptions.DEFAULTS.withRateLimitPerSecond(OptionalInt.of(perSecond)));
    List<Delivery> load = new ArrayList<>();
    for (int i = 0; i < 11 * perSecond; i++) {
      load.add(fixture.delivery(hook, WebhookEventType.CHAT_MESSAGE_NEW, "stream_e"));
    }

    fixture.sendAll(load);

    List<RecordedRequest> seen = receiver.await(path, load.size(), Duration.ofSeconds(40));
    // Over 10 s of steady pacing: the arrivals after the first second (the bucket's small burst is spent by then).
    long from = seen.get(perSecond).arrivedNanos();
    long to = seen.get(seen.size() - 1).arrivedNanos();
    double rate = (seen.size() - 1 - perSecond) / ((to - from) / 1e9);
    assertThat(rate).as("requests/s at the receiver").isBetween(perSecond * 0.9, perSecond * 1.1);
    assertThat(fixture.attempts().all()).filteredOn(l -> l.webhookId().equals(hook.id()))
        .as("waiting for a slot is not a failed attempt").allMatch(l -> l.state() == DeliveryState.DELIVERED);
  }

  @Test
  void shouldSendOneAtATimeWithTheWebhooksOwnLimitAndAddItsHeadersAfterOurs() throws Exception {
    String path = path();
    receiver.always(path, Reply.ok().after(Duration.ofMillis(100)));
    Subscription hook = fixture.subscribe(receiver.url(path), DeliveryOptions.DEFAULTS.withMaxInFlight(OptionalInt.of(1))
        .withHeaders(Map.of("X-Tenant", "acme", "Authorization", "Bearer t0k")));
    List<Delivery> load = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      load.add(fixture.delivery(hook, WebhookEventType.CHAT_MESSAGE_NEW, "stream_f" + i));
    }

    fixture.sendAll(load);

    List<RecordedRequest> seen = receiver.await(path, 6, WAIT);
    for (int i = 1; i < seen.size(); i++) {
      assertThat((seen.get(i).arrivedNanos() - seen.get(i - 1).arrivedNanos()) / 1_000_000)
          .as("one in flight: each request after the previous answer").isGreaterThanOrEqualTo(95);
    }
    assertThat(seen.get(0).header("X-Tenant")).isEqualTo("acme");
    assertThat(seen.get(0).header("Authorization")).isEqualTo("Bearer t0k");
    assertThat(seen.get(0).header("Content-Type")).isEqualTo("application/json");
    assertThat(seen.get(0).header("X-RealCast-Signature")).startsWith("sha256=");
  }
}
