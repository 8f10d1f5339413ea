package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.deliverer.StreamGate;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The gates of ordered streams: when they open, move, close and skip, and that a gate is durable before what it covers. */
class StreamGatesTest {
  private static final Topics TOPICS = new Topics("g.", RetrySchedule.DEFAULT);
  private static final Instant T = Instant.parse("2024-12-09T10:00:00Z");
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  private final StreamGates gates = new StreamGates(new Recorder(producer, TOPICS), new DelivererMetrics(new SimpleMeterRegistry()));
  private final PartitionLease lease = new PartitionLease(new TopicPartition(TOPICS.deliveries(), 0), null);

  private static Delivery numbered(long sequence) {
    return Delivery.first(WebhookId.of("wh_1"), AppId.of("app_1"), WebhookEventType.CHAT_MESSAGE_NEW, EventId.of("evt_" + sequence),
        T, T, "{}".getBytes(StandardCharsets.UTF_8), "stream_a", sequence);
  }

  private List<ProducerRecord<String, byte[]>> gateWrites() {
    return producer.history().stream().filter(r -> r.topic().equals(TOPICS.gates())).toList();
  }

  @Test
  void shouldOpenAtTheDeliveryThatLeavesAndBeDurableBeforeItsCaller() {
    AtomicInteger durable = new AtomicInteger();
    Runnable both = gates.leaves(numbered(5), 5, null, lease, 0, durable::incrementAndGet);

    assertThat(gates.gate(numbered(6))).isEqualTo(new StreamGate(WebhookId.of("wh_1"), "stream_a", 5, 5));
    assertThat(gates.admits(numbered(5))).isTrue();
    assertThat(gates.admits(numbered(6))).isFalse();
    assertThat(gateWrites()).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("wh_1|stream_a"));
    both.run(); // the caller's own write is acknowledged
    assertThat(durable).as("the gate is not acknowledged yet").hasValue(0);
    producer.completeNext();
    assertThat(durable).hasValue(1);
  }

  @Test
  void shouldKeepWhenTheAwaitedOneIsDueAgainUntilTheGateMovesOn() {
    Instant due = Instant.parse("2026-11-30T12:00:25Z");
    gates.leaves(numbered(5), 5, due, lease, 0, () -> {});
    gates.leaves(numbered(7), 5, due.plusSeconds(9), lease, 0, () -> {});

    assertThat(gates.gate(numbered(7)).nextDue()).as("only the awaited one's due time counts").isEqualTo(due);
    assertThat(StreamGate.decode(gateWrites().get(0).value()).nextDue()).as("written with the gate").isEqualTo(due);
    gates.finished(numbered(5), 1, () -> {});
    assertThat(gates.gate(numbered(7)).nextDue()).as("the next one has not left").isNull();
  }

  @Test
  void shouldRememberWhatLeftBehindItAndCloseOnlyWhenAllOfItIsFinal() {
    gates.leaves(numbered(5), 5, null, lease, 0, () -> {});
    gates.leaves(numbered(7), 5, null, lease, 0, () -> {});
    assertThat(gates.gate(numbered(7)).seen()).isEqualTo(7);

    gates.finished(numbered(5), 0, () -> {});
    assertThat(gates.gate(numbered(6)).next()).isEqualTo(6);
    gates.finished(numbered(6), 0, () -> {});
    gates.finished(numbered(7), 0, () -> {});

    assertThat(gates.gate(numbered(8))).as("closed").isNull();
    assertThat(gateWrites()).last().satisfies(r -> assertThat(r.value()).as("a tombstone").isNull());
    assertThat(gates.admits(numbered(8))).isTrue();
  }

  @Test
  void shouldWriteNothingForAnUnnumberedDeliveryOrAnUnchangedGate() {
    AtomicInteger durable = new AtomicInteger();
    gates.leaves(numbered(0), 0, null, lease, 0, durable::incrementAndGet).run();
    gates.finished(numbered(3), 0, durable::incrementAndGet).run();

    assertThat(producer.history()).isEmpty();
    assertThat(durable).hasValue(2);
  }

  @Test
  void shouldTakeOverTheGatesOfAnAssignedPartitionAndLetThemGoWithIt() {
    gates.assigned(lease, List.of(new StreamGate(WebhookId.of("wh_1"), "stream_a", 3, 9)), 0);
    assertThat(gates.admits(numbered(4))).isFalse();

    gates.revoked(lease);

    assertThat(gates.gate(numbered(4))).isNull();
    assertThat(producer.history()).as("nothing to write: they were durable").isEmpty();
  }

  @Test
  void shouldSkipAGateThatWaitedTenMinutesForADeliveryThatNeverCame() {
    gates.leaves(numbered(5), 5, null, lease, 0, () -> {});
    long later = StreamGates.STUCK_AFTER.toNanos();

    assertThat(gates.skipStuck(later - 1, g -> 8)).isFalse();
    assertThat(gates.skipStuck(later, g -> 8)).isTrue();

    assertThat(gates.gate(numbered(8)).next()).as("on to the lowest one waiting").isEqualTo(8);
    assertThat(gates.admits(numbered(8))).isTrue();
  }
}
