package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.deliverer.Placement;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the Recorder writes for each placement, and how it behaves when a write fails. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecorderTest {
  private static final Topics TOPICS = new Topics("r.", RetrySchedule.DEFAULT);
  private static final Instant T = Instant.parse("2024-12-09T10:00:00Z");
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  private final Recorder recorder = new Recorder(producer, TOPICS);
  private final Delivery delivery = Delivery.first(WebhookId.of("wh_1"), AppId.of("app_1"), WebhookEventType.STREAM_LIVE,
      EventId.of("evt_1"), T, T, "{}".getBytes(StandardCharsets.UTF_8), "stream_1", 0);
  private final Attempt failed = new Attempt(1, T, 4, 503, null, AttemptResult.TEMPORARY);

  @Test
  void shouldWriteTheLogAndTheRetryRecordAndCallDurableOnlyWhenBothAreAcknowledged() {
    AtomicInteger durable = new AtomicInteger();
    recorder.attempted(delivery, failed, new Placement.Retry(Duration.ofSeconds(1), T.plusSeconds(1)), T, List.of(),
        durable::incrementAndGet);

    assertThat(producer.history()).extracting(r -> r.topic()).containsExactly(TOPICS.attempts(), TOPICS.retry(Duration.ofSeconds(1)));
    producer.completeNext();
    assertThat(durable).as("one of two acknowledged").hasValue(0);
    producer.completeNext();
    assertThat(durable).hasValue(1);
    Delivery retry = DeliveryCodec.decodeDelivery(producer.history().get(1).value());
    assertThat(retry.attempts()).containsExactly(failed);
    assertThat(retry.dueAt()).isEqualTo(T.plusSeconds(1));
  }

  @Test
  void shouldRetryATransientWriteFailureWithoutCallingItStuck() {
    AtomicInteger durable = new AtomicInteger();
    recorder.dead(delivery, new Placement.Dead(DeadReason.WEBHOOK_DELETED, "deleted"), T, durable::incrementAndGet);

    producer.errorNext(new TimeoutException("broker slow"));

    await("sent again", () -> producer.history().size() == 2);
    assertThat(recorder.stuck()).isZero();
    producer.completeNext();
    assertThat(durable).hasValue(1);
  }

  @Test
  void shouldReportAWriteThatCanNeverSucceedAsStuckUntilItGoesThrough() {
    AtomicInteger durable = new AtomicInteger();
    recorder.superseded(delivery, durable::incrementAndGet);

    producer.errorNext(new RecordTooLargeException("too large for the topic"));

    assertThat(recorder.stuck()).as("unhealthy at once").isEqualTo(1);
    await("tried again", () -> producer.history().size() == 2);
    assertThat(durable).as("never dropped: still not durable").hasValue(0);
    producer.completeNext(); // the operator raised the topic's limit
    assertThat(durable).hasValue(1);
    assertThat(recorder.stuck()).isZero();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
  }
}
