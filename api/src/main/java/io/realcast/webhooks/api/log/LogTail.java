package io.realcast.webhooks.api.log;

import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.kafka.TopicTail;
import io.realcast.webhooks.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link DeliveryLog} from realcast.deliveries, realcast.attempts and the dead-letter topic through
 * a {@link TopicTail}: every API instance reads everything, starting at the retention horizon.
 * {@link #awaitOffset} gives read-your-writes for test events and redeliveries.
 */
public final class LogTail implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogTail.class);
  private static final Duration EVICT_EVERY = Duration.ofMinutes(1);

  private final Topics topics;
  private final DeliveryLog log;
  private final Clock clock;
  private final Duration retention;
  private final TopicTail tail;
  private Instant nextEviction;

  public LogTail(Topics topics, Consumer<String, byte[]> consumer, DeliveryLog log, Clock clock, Duration retention) {
    this.topics = topics;
    this.log = log;
    this.clock = clock;
    this.retention = retention;
    this.nextEviction = clock.instant().plus(EVICT_EVERY);
    this.tail = new TopicTail("delivery log", List.of(topics.deliveries(), topics.attempts(), topics.dead()), consumer,
        this::seekToHorizon, this::apply, this::evictWhenDue);
  }

  /** Starts reading and waits until the log holds what the topics held at start. */
  public LogTail start(Duration timeout) throws TimeoutException {
    tail.start(timeout);
    return this;
  }

  public boolean isHealthy() {
    return tail.isHealthy();
  }

  /** Waits until the record at {@code offset} of {@code topic}-{@code partition} is in the log. */
  public void awaitOffset(String topic, int partition, long offset, Duration timeout) throws TimeoutException {
    tail.awaitOffset(new TopicPartition(topic, partition), offset, timeout);
  }

  /** Starts each partition at the first record inside the retention window (or at its end if there is none). */
  private void seekToHorizon(Consumer<String, byte[]> consumer, List<TopicPartition> partitions) {
    long horizon = clock.instant().minus(retention).toEpochMilli();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, horizon));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = found.get(tp);
      consumer.seek(tp, at == null ? ends.get(tp) : at.offset());
    }
  }

  private void evictWhenDue() {
    if (clock.instant().isAfter(nextEviction)) {
      log.evictExpired();
      nextEviction = clock.instant().plus(EVICT_EVERY);
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    try {
      if (record.value() != null) {
        RecordRef ref = new RecordRef(record.topic(), record.partition(), record.offset());
        if (record.topic().equals(topics.deliveries())) {
          log.onDelivery(DeliveryCodec.decodeDelivery(record.value()), ref, Instant.ofEpochMilli(record.timestamp()));
        } else if (record.topic().equals(topics.attempts())) {
          log.onAttempt(DeliveryCodec.decodeAttemptLog(record.value()));
        } else {
          log.onDeadLetter(DeliveryCodec.decodeDeadLetter(record.value()), ref);
        }
      }
    } catch (RuntimeException e) {
      // One unreadable record must not stop the log.
      LOG.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
    }
  }

  @Override
  public void close() {
    tail.close();
  }
}
