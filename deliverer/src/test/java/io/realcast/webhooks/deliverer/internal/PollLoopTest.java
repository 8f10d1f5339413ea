package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The poll loop against Kafka's MockConsumer: it hands records over, pauses, resumes and commits as its leases say. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PollLoopTest {
  private static final String DELIVERIES = "deliveries";
  private static final String RETRY_1S = "deliveries.retry.1s";
  private static final TopicPartition MAIN_0 = new TopicPartition(DELIVERIES, 0);
  private static final TopicPartition MAIN_1 = new TopicPartition(DELIVERIES, 1);
  private static final TopicPartition RETRY_0 = new TopicPartition(RETRY_1S, 0);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
  private final FakeIntake intake = new FakeIntake(this::committed);
  private final PollLoop loop = new PollLoop(consumer, DELIVERIES, Map.of(RETRY_1S, Duration.ofSeconds(1)), intake, GateSnapshots.none(),
      Duration.ofMillis(10), Duration.ofSeconds(5));
  private Thread thread;

  private void start(TopicPartition... assigned) {
    Map<TopicPartition, Long> beginnings = new java.util.HashMap<>();
    for (TopicPartition tp : assigned) {
      beginnings.put(tp, 0L);
    }
    consumer.updateBeginningOffsets(beginnings);
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(assigned)));
    thread = new Thread(loop, "poll-loop-under-test");
    thread.start();
    await("assigned", () -> intake.leases.size() == assigned.length);
  }

  @AfterEach
  void stop() throws InterruptedException {
    loop.stop();
    if (thread != null) {
      thread.join(10_000);
    }
  }

  @Test
  void shouldHandEachPartitionsRecordsOverInOrderDecodedWithTheirTopicsDelay() {
    start(MAIN_0, RETRY_0);
    Delivery d = delivery();
    add(MAIN_0, 0, DeliveryCodec.encode(d));
    add(MAIN_0, 1, "{not a delivery".getBytes(StandardCharsets.UTF_8));
    add(RETRY_0, 0, DeliveryCodec.encode(d));

    await("three records handed over", () -> intake.records.size() == 3);

    List<Inbound> main = intake.recordsOf(MAIN_0);
    assertThat(main).extracting(Inbound::offset).containsExactly(0L, 1L);
    assertThat(main.get(0)).isInstanceOfSatisfying(Inbound.Readable.class, r -> assertThat(r.delivery()).isEqualTo(d));
    assertThat(main.get(1)).isInstanceOfSatisfying(Inbound.Unreadable.class,
        u -> assertThat(new String(u.value(), StandardCharsets.UTF_8)).isEqualTo("{not a delivery"));
    assertThat(intake.lease(MAIN_0).tier()).isNull();
    assertThat(intake.lease(RETRY_0).tier()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldPauseAndResumeAPartitionAsItsLeaseAsks() {
    start(MAIN_0, MAIN_1);
    intake.lease(MAIN_0).wantPaused(true);
    await("main-0 paused", () -> consumer.paused().equals(Set.of(MAIN_0)));

    add(MAIN_0, 0, DeliveryCodec.encode(delivery()));
    add(MAIN_1, 0, DeliveryCodec.encode(delivery()));
    await("main-1's record handed over", () -> !intake.recordsOf(MAIN_1).isEmpty());
    assertThat(intake.recordsOf(MAIN_0)).as("nothing read from a paused partition").isEmpty();

    intake.lease(MAIN_0).wantPaused(false);
    await("main-0 resumed and read", () -> consumer.paused().isEmpty() && !intake.recordsOf(MAIN_0).isEmpty());
  }

  @Test
  void shouldStopReadingEveryPartitionWhileTheIntakeHasNotTakenUpWhatItWasGiven() {
    start(MAIN_0, MAIN_1);
    intake.backlog.set(PollLoop.MAX_BACKLOG);
    await("everything paused", () -> consumer.paused().equals(Set.of(MAIN_0, MAIN_1)));
    intake.backlog.set(PollLoop.MAX_BACKLOG / 2 + 1);
    add(MAIN_0, 0, DeliveryCodec.encode(delivery()));
    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(intake.records).as("still above half the limit: nothing read").isEmpty();

    intake.backlog.set(PollLoop.MAX_BACKLOG / 2);
    await("read again", () -> consumer.paused().isEmpty() && intake.records.size() == 1);
  }

  @Test
  void shouldCommitOnlyAsFarAsTheLeaseSaysIsDurable() {
    start(MAIN_0);
    for (int o = 0; o < 5; o++) {
      add(MAIN_0, o, DeliveryCodec.encode(delivery()));
    }
    await("five handed over", () -> intake.records.size() == 5);
    assertThat(committed(MAIN_0)).as("nothing durable, nothing committed").isNull();

    intake.lease(MAIN_0).durableUpTo(3);
    await("committed up to 3", () -> Long.valueOf(3).equals(committed(MAIN_0)));
    intake.lease(MAIN_0).durableUpTo(2); // never backwards
    intake.lease(MAIN_0).durableUpTo(5);
    await("committed up to 5", () -> Long.valueOf(5).equals(committed(MAIN_0)));
  }

  @Test
  void shouldCommitARevokedPartitionThenForgetItsLease() {
    start(MAIN_0, MAIN_1);
    PartitionLease leaving = intake.lease(MAIN_1);
    leaving.durableUpTo(7);
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(MAIN_0)));

    await("main-1 revoked", () -> intake.revoked.contains(leaving));
    // Read when the intake hears of it (MockConsumer forgets a revoked partition's commit once the rebalance is over).
    assertThat(intake.committedAtRevocation.get(leaving)).isEqualTo(7L);
    assertThat(leaving.revoked()).isTrue();
    assertThat(loop.assignedPartitions()).isEqualTo(1);
  }

  @Test
  void shouldLetUnfinishedAttemptsEndAndCommitThemWhenStopping() throws InterruptedException {
    start(MAIN_0);
    add(MAIN_0, 0, DeliveryCodec.encode(delivery()));
    await("handed over", () -> intake.records.size() == 1);
    intake.unfinished.set(1);

    loop.stop();
    await("told to stop", () -> intake.stopping.get() > 0);
    assertThat(thread.isAlive()).as("still waiting for the attempt in flight").isTrue();
    intake.lease(MAIN_0).durableUpTo(1);
    intake.unfinished.set(0);
    thread.join(10_000);

    assertThat(thread.isAlive()).isFalse();
    assertThat(consumer.closed()).isTrue();
    assertThat(loop.isHealthy()).isFalse();
  }

  private Long committed(TopicPartition tp) {
    Map<TopicPartition, OffsetAndMetadata> c = consumer.committed(Set.of(tp));
    OffsetAndMetadata o = c.get(tp);
    return o == null ? null : o.offset();
  }

  private void add(TopicPartition tp, long offset, byte[] value) {
    consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, "wh_1", value)));
  }

  private static Delivery delivery() {
    return Delivery.first(WebhookId.of("wh_1"), AppId.of("app_1"), WebhookEventType.STREAM_LIVE, EventId.of("evt_1"),
        Instant.parse("2024-12-09T10:00:00Z"), Instant.parse("2024-12-09T10:00:01Z"), "{}".getBytes(StandardCharsets.UTF_8));
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }

  /** Records what the loop hands over; the test plays the dispatcher's part on the leases. */
  private static final class FakeIntake implements Intake {
    final Map<TopicPartition, PartitionLease> leases = new ConcurrentHashMap<>();
    final List<Map.Entry<PartitionLease, Inbound>> records = new CopyOnWriteArrayList<>();
    final List<PartitionLease> revoked = new CopyOnWriteArrayList<>();
    final AtomicInteger stopping = new AtomicInteger();
    final AtomicInteger unfinished = new AtomicInteger();
    final AtomicInteger backlog = new AtomicInteger();
    final Map<PartitionLease, Long> committedAtRevocation = new ConcurrentHashMap<>();
    private final java.util.function.Function<TopicPartition, Long> committed;

    FakeIntake(java.util.function.Function<TopicPartition, Long> committed) {
      this.committed = committed;
    }

    PartitionLease lease(TopicPartition tp) {
      return leases.get(tp);
    }

    List<Inbound> recordsOf(TopicPartition tp) {
      return records.stream().filter(e -> e.getKey().partition().equals(tp)).map(Map.Entry::getValue).toList();
    }

    @Override
    public void assigned(PartitionLease lease) {
      leases.put(lease.partition(), lease);
    }

    @Override
    public void received(PartitionLease lease, List<Inbound> batch) {
      batch.forEach(r -> records.add(Map.entry(lease, r)));
    }

    @Override
    public void revoked(PartitionLease lease) {
      Long c = committed.apply(lease.partition());
      if (c != null) {
        committedAtRevocation.put(lease, c);
      }
      revoked.add(lease);
    }

    @Override
    public void stopping() {
      stopping.incrementAndGet();
    }

    @Override
    public int unfinished() {
      return unfinished.get();
    }

    @Override
    public int backlog() {
      return backlog.get();
    }
  }
}
