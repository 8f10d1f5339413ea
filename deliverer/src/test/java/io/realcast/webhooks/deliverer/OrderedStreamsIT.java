package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.deliverer.testing.DeliveryFixture;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.testkit.TopicReader;
import io.realcast.webhooks.testkit.receiver.RecordedRequest;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ordered streams that wait hold neither memory nor their partition (docs/DELIVERY.md, "Ordered streams"): on one
 * partition, an ordered stream whose head retries for seconds lets another tenant's deliveries through at once, and
 * still arrives in order; a deliverer that stops while a stream waits leaves its gate to the next one, which keeps
 * the order. Retries after 1, 1.2 and 1.4 s, so the waits are long against the work around them.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OrderedStreamsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final DeliveryOptions ORDERED = DeliveryOptions.DEFAULTS.withOrdering(DeliveryOptions.Ordering.STREAM);

  private ScriptedReceiver receiver;
  private DeliveryFixture fixture;
  private String bootstrap;

  @BeforeEach
  void start(@BootstrapServers String bootstrap) {
    this.bootstrap = bootstrap;
    receiver = ScriptedReceiver.start();
    fixture = new DeliveryFixture(bootstrap, TestTopics.unique("ordered"), RetrySchedule.parse("1s,1200ms,1400ms"), 1);
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
    receiver.close();
  }

  /** Its app may hold 10 deliveries: far fewer than the stream that waits. */
  private DelivererService startDeliverer() throws Exception {
    return fixture.startDeliverer(c -> c.withLimits(c.limits().withAppBufferShare(10)));
  }

  @Test
  void shouldLetAnotherTenantThroughWhileAnOrderedStreamWaitsAndDeliverTheStreamInOrderAfter() throws Exception {
    startDeliverer();
    receiver.always("/ordered", Reply.ok());
    receiver.always("/other", Reply.ok());
    Subscription ordered = fixture.subscribe(receiver.url("/ordered"), ORDERED);
    Subscription other = fixture.subscribe(receiver.url("/other"));
    List<Delivery> stream = deliveries(ordered, "stream_a", 60);
    receiver.scriptDelivery(stream.get(0).id().value(), Reply.status(503), Reply.status(503));
    List<Delivery> others = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      others.add(fixture.delivery(other, WebhookEventType.CHAT_MESSAGE_NEW));
    }

    fixture.sendAll(stream);
    fixture.sendAll(others); // behind all 60 on the same partition

    List<RecordedRequest> otherArrivals = receiver.await("/other", others.size(), WAIT);
    List<RecordedRequest> head = receiver.awaitMatching(r -> r.webhookId().equals(stream.get(0).id().value()), 3, WAIT);
    assertThat(otherArrivals.get(others.size() - 1).arrivedNanos()).as("the other tenant's last delivery arrived")
        .isLessThan(head.get(2).arrivedNanos());
    assertDeliveredInOrder(stream);
    // The gate closes when the last delivery's outcome is written, a moment after it reached the receiver.
    assertThat(lastGateRecordOnceClosed(ordered, "stream_a")).as("the gate closed once the stream caught up").isNull();
  }

  @Test
  void shouldKeepAWaitingStreamInOrderAcrossARestartOfTheDeliverer() throws Exception {
    DelivererService first = startDeliverer();
    receiver.always("/ordered", Reply.ok());
    Subscription ordered = fixture.subscribe(receiver.url("/ordered"), ORDERED);
    List<Delivery> stream = deliveries(ordered, "stream_b", 20);
    receiver.scriptDelivery(stream.get(0).id().value(), Reply.status(503), Reply.status(503), Reply.status(503));

    fixture.sendAll(stream);
    receiver.awaitMatching(r -> r.webhookId().equals(stream.get(0).id().value()), 1, WAIT);
    TopicReader.readUntil(bootstrap, fixture.topics.gates(), rs -> !rs.isEmpty(), WAIT);
    first.close();
    startDeliverer();

    assertDeliveredInOrder(stream);
    assertThat(receiver.requests("/ordered").stream().filter(r -> r.webhookId().equals(stream.get(0).id().value())))
        .as("503, 503, 503, then 200: the head's retries went on after the restart").hasSizeGreaterThanOrEqualTo(4);
  }

  private List<Delivery> deliveries(Subscription webhook, String streamId, int count) {
    List<Delivery> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(fixture.delivery(webhook, WebhookEventType.CHAT_MESSAGE_NEW, streamId));
    }
    return all;
  }

  /** Every delivery of the stream answered 200, and their first arrivals in the order of their numbers (repeats aside). */
  private void assertDeliveredInOrder(List<Delivery> stream) throws Exception {
    Map<String, Long> numbers = stream.stream().collect(Collectors.toMap(d -> d.id().value(), Delivery::sequence));
    long deadline = System.nanoTime() + WAIT.toNanos();
    Set<String> delivered = new LinkedHashSet<>();
    while (delivered.size() < stream.size()) {
      Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
      // One more of the stream answered 200 that was not before (a repeat does not count).
      receiver.awaitMatching(r -> numbers.containsKey(r.webhookId()) && r.answeredOk() && !delivered.contains(r.webhookId()), 1, left)
          .forEach(r -> delivered.add(r.webhookId()));
    }
    assertThat(delivered).as("deliveries of the stream answered 200").hasSize(stream.size());
    List<Long> order = receiver.requests().stream().filter(r -> numbers.containsKey(r.webhookId()))
        .map(r -> numbers.get(r.webhookId())).distinct().toList();
    assertThat(order).as("first arrivals, by number").isSorted().hasSize(stream.size());
  }

  /** The stream's last gate record once it is a tombstone, or the last one there was when {@link #WAIT} passed. */
  private byte[] lastGateRecordOnceClosed(Subscription webhook, String streamId) {
    String key = StreamGate.key(webhook.id(), streamId);
    List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(bootstrap, fixture.topics.gates(),
        rs -> last(rs, key).map(r -> r.value() == null).orElse(false), WAIT);
    return last(records, key).orElseThrow(() -> new AssertionError("no gate was ever written for " + key
        + "; the topic holds " + records.stream().map(ConsumerRecord::key).distinct().toList())).value();
  }

  private static Optional<ConsumerRecord<String, byte[]>> last(List<ConsumerRecord<String, byte[]>> records, String key) {
    return records.stream().filter(r -> r.key().equals(key)).reduce((a, b) -> b);
  }
}
